import normalCdf from "@stdlib/stats-base-dists-normal-cdf";
import type { SupplierLeadTimeSummary } from "../policy/summarize-supplier-lead-times";
import type { DayNumber } from "../types";
import { buildException } from "./build-exception";
import { codesAsNames, type Driver, type ExceptionOptions, type PlanException, type SubjectNames } from "./exception-types";
import { countNoun, makeDriver } from "./make-driver";
import { proposeAction } from "./propose-action";

export interface DelayedPurchaseOrder {
  purchaseOrderId: string;
  supplierId: string;
  promisedDay: DayNumber;
  expectedDay: DayNumber;
  asOf: DayNumber;
  lines: readonly {
    seriesId: string;
    quantity: number;
    unitCost: number;
    unitMargin: number;
    /** Expected lost units with the line arriving on its promised day, expedited (see expeditedDayOffset) and on its expected day. */
    lostUnitsIfOnTime: number;
    lostUnitsIfExpedited: number;
    lostUnitsAsExpected: number;
  }[];
  supplier: SupplierLeadTimeSummary;
}

/**
 * Supplier delay: a PO past its promise, or expected late from the supplier's record. Money at risk
 * is the extra lost margin the delay causes across the PO's lines (projection at the expected day
 * minus projection at the promised day).
 */
export function detectSupplierDelay(
  order: DelayedPurchaseOrder,
  options: ExceptionOptions,
  names: SubjectNames = codesAsNames,
): PlanException | undefined {
  const daysLate = Math.max(0, order.asOf - order.promisedDay);
  const expectedDelay = order.expectedDay - order.promisedDay;
  if (daysLate < options.minDelayDays && expectedDelay < options.minDelayDays) return undefined;
  const extraLostUnits = order.lines.reduce((sum, line) => sum + Math.max(0, line.lostUnitsAsExpected - line.lostUnitsIfOnTime), 0);
  const moneyAtRisk = order.lines.reduce(
    (sum, line) => sum + Math.max(0, line.lostUnitsAsExpected - line.lostUnitsIfOnTime) * line.unitMargin,
    0,
  );
  const orderValue = order.lines.reduce((sum, line) => sum + line.quantity * line.unitCost, 0);
  const orderUnits = order.lines.reduce((sum, line) => sum + line.quantity, 0);
  const averageUnitCost = orderUnits > 0 ? orderValue / orderUnits : 0;
  const drivers: Driver[] = [];
  if (daysLate > 0) drivers.push(makeDriver("days-late", `PO ${order.purchaseOrderId} now late by`, daysLate, "days", order.purchaseOrderId));
  drivers.push(makeDriver("expected-delay", "expected arrival after promise", expectedDelay, "days", order.purchaseOrderId));
  const { earlierMeanDays, recentMeanDays } = order.supplier;
  if (Number.isFinite(earlierMeanDays) && Number.isFinite(recentMeanDays) && recentMeanDays - earlierMeanDays >= options.minLeadTimeIncreaseDays) {
    drivers.push(
      makeDriver("lead-time-before", `supplier ${names.supplier(order.supplierId)} lead time was`, earlierMeanDays, "days", order.supplierId),
      makeDriver("lead-time-recent", "and recently", recentMeanDays, "days", order.supplierId),
    );
  }
  const skus = [...new Set(order.lines.map((line) => names.product(line.seriesId.slice(line.seriesId.indexOf("|") + 1))))].sort();
  const shownSkus = skus.length > 6 ? `${skus.slice(0, 6).join(", ")} and ${skus.length - 6} more` : skus.join(", ");
  drivers.push(
    makeDriver("skus", `${countNoun(skus.length, "product")} on the order (${shownSkus})`, skus.length, "count"),
    makeDriver("order-units", "units on the order", orderUnits, "units"),
    makeDriver("extra-lost-units", "extra lost sales from the delay", extraLostUnits, "units"),
    makeDriver("money-at-risk", "lost margin from the delay", moneyAtRisk, "money"),
  );
  // An expedite brings the lines in part of the way to their promise (expeditedTransitShare): it saves the
  // sales lost between that day and the expected one, and is proposed only when they are worth its cost.
  const savedUnits = order.lines.reduce((sum, line) => sum + Math.max(0, line.lostUnitsAsExpected - line.lostUnitsIfExpedited), 0);
  const savedMargin = order.lines.reduce((sum, line) => sum + Math.max(0, line.lostUnitsAsExpected - line.lostUnitsIfExpedited) * line.unitMargin, 0);
  const expedite = proposeAction(
    "expedite-po",
    orderUnits,
    {
      model: "capped-cover",
      unitActionCost: averageUnitCost * options.expediteCostShare,
      // Each unit expedited saves at most one of the sales the expedite prevents, at their average margin.
      unitBenefit: savedUnits > 0 ? savedMargin / savedUnits : 0,
      coverableUnits: savedUnits,
      benefitCap: savedMargin,
      unitGovernanceValue: averageUnitCost,
    },
    { purchaseOrderId: order.purchaseOrderId },
  );
  return buildException(
    {
      type: "supplier-delay",
      subject: { purchaseOrderId: order.purchaseOrderId, supplierId: order.supplierId },
      moneyAtRisk,
      daysUntilImpact: Math.max(0, order.promisedDay - order.asOf),
      confidence: delayProbability(order, options.minDelayDays),
      drivers,
      actions: expedite.expectedBenefit > expedite.cost ? [expedite] : [],
    },
    options,
  );
}

/**
 * Chance the order lands at least `minDelayDays` after its promise, from the supplier's lead times
 * (the recent mean where there is one, normal spread of at least a day), given that it has not been
 * booked by asOf. An open order past its promise is no proof of a delay — a receipt booked late looks
 * the same — so the claim stays an inference, capped like every other.
 * The simulator's calibration showed the old "observed, 100 %" claims came true about one time in five.
 */
export function delayProbability(order: Pick<DelayedPurchaseOrder, "promisedDay" | "asOf" | "supplier">, minDelayDays: number): number {
  const { supplier } = order;
  const mean = Number.isFinite(supplier.recentMeanDays) ? supplier.recentMeanDays : supplier.meanDays;
  const sd = Math.max(1, supplier.sdDays);
  const orderDay = order.promisedDay - supplier.promisedDays;
  const outlasts = (days: number) => 1 - normalCdf(days, mean, sd);
  // Lead times are whole days: "at least minDelayDays late" is a lead time above promise + delay − ½.
  const late = outlasts(supplier.promisedDays + minDelayDays - 0.5);
  const stillOpen = outlasts(order.asOf - orderDay);
  const conditional = stillOpen > 0 ? Math.min(1, late / stillOpen) : 1;
  return conditional;
}
