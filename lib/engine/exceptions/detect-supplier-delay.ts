import type { SupplierLeadTimeSummary } from "../policy/summarize-supplier-lead-times";
import type { DayNumber } from "../types";
import { buildException } from "./build-exception";
import { codesAsNames, type Driver, type ExceptionOptions, type PlanException, type SubjectNames } from "./exception-types";
import { makeDriver } from "./make-driver";
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
    /** Expected lost units with the line arriving on its promised day and on its expected day. */
    lostUnitsIfOnTime: number;
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
    makeDriver("skus", `products on the order (${shownSkus})`, skus.length, "ratio"),
    makeDriver("order-units", "units on the order", orderUnits, "units"),
    makeDriver("extra-lost-units", "extra lost sales from the delay", extraLostUnits, "units"),
    makeDriver("money-at-risk", "lost margin from the delay", moneyAtRisk, "money"),
  );
  return buildException(
    {
      type: "supplier-delay",
      subject: { purchaseOrderId: order.purchaseOrderId, supplierId: order.supplierId },
      moneyAtRisk,
      daysUntilImpact: Math.max(0, order.promisedDay - order.asOf),
      // The delay itself is observed; the estimated arrival is less certain with few observations.
      confidence: daysLate > 0 ? 1 : Math.min(1, order.supplier.observationCount / 10),
      confidenceBasis: daysLate > 0 ? "observed" : "inferred",
      drivers,
      actions: [
        proposeAction(
          "expedite-po",
          orderUnits,
          {
            model: "capped-cover",
            unitActionCost: averageUnitCost * options.expediteCostShare,
            // Each unit expedited saves at most one of the sales the delay loses, at their average margin.
            unitBenefit: extraLostUnits > 0 ? moneyAtRisk / extraLostUnits : 0,
            coverableUnits: extraLostUnits,
            benefitCap: moneyAtRisk,
            unitGovernanceValue: averageUnitCost,
          },
          { purchaseOrderId: order.purchaseOrderId },
        ),
      ],
    },
    options,
  );
}
