import type { DayNumber } from "../types";
import { buildException } from "./build-exception";
import { type ActionProposal, codesAsNames, type ExceptionOptions, type PlanException, type SubjectNames } from "./exception-types";
import { countNoun, makeDriver } from "./make-driver";
import { proposeAction } from "./propose-action";

export interface StalePurchaseOrder {
  purchaseOrderId: string;
  orderDay: DayNumber;
  promisedDay: DayNumber;
  lines: readonly { sku: string; locationId: string; quantity: number; unitCost: number }[];
}

/**
 * True when a PO is later than `stalePoLeadTimeMultiple` × its own promised lead time: past that,
 * "expedite" means nothing and the plan stops counting on the goods.
 */
export function isStalePurchaseOrder(
  order: { orderDay: DayNumber; promisedDay: DayNumber },
  asOf: DayNumber,
  options: Pick<ExceptionOptions, "stalePoLeadTimeMultiple">,
): boolean {
  const promisedLeadTime = Math.max(1, order.promisedDay - order.orderDay);
  return asOf - order.promisedDay > options.stalePoLeadTimeMultiple * promisedLeadTime;
}

/**
 * One exception per supplier for all its stale POs: a buyer settles them in one call. The action on
 * each PO is to confirm it (with a date) or cancel it; until then the plan leaves those goods out of
 * every projection, so stock-outs they would have covered show up where they belong. Money at risk
 * is the open value that may still arrive unneeded or has to be bought again elsewhere, at the
 * excess carrying rate.
 */
export function detectStalePurchaseOrders(
  supplierId: string,
  orders: readonly StalePurchaseOrder[],
  asOf: DayNumber,
  options: ExceptionOptions,
  names: SubjectNames = codesAsNames,
): PlanException | undefined {
  const sorted = [...orders].sort((a, b) => a.promisedDay - b.promisedDay || (a.purchaseOrderId < b.purchaseOrderId ? -1 : 1));
  const oldest = sorted[0];
  if (!oldest) return undefined;
  const actions: ActionProposal[] = [];
  let openUnits = 0;
  let openValue = 0;
  const skus = new Set<string>();
  for (const order of sorted) {
    const units = order.lines.reduce((sum, line) => sum + line.quantity, 0);
    const value = order.lines.reduce((sum, line) => sum + line.quantity * line.unitCost, 0);
    for (const line of order.lines) skus.add(names.product(line.sku));
    openUnits += units;
    openValue += value;
    const benefit = value * options.excessCarryingRate;
    actions.push(
      proposeAction("confirm-po", units, { model: "fixed", cost: 0, expectedBenefit: benefit, governanceValue: value }, {
        purchaseOrderId: order.purchaseOrderId,
        destinationId: order.lines[0]?.locationId,
      }),
    );
  }
  const moneyAtRisk = openValue * options.excessCarryingRate;
  const skuList = [...skus].sort();
  const shownSkus = skuList.length > 6 ? `${skuList.slice(0, 6).join(", ")} and ${skuList.length - 6} more` : skuList.join(", ");
  return buildException(
    {
      type: "supplier-delay",
      subject: { supplierId, purchaseOrderId: oldest.purchaseOrderId },
      moneyAtRisk,
      // Nothing gets worse tomorrow; the open commitment needs an answer within a review.
      daysUntilImpact: 7,
      confidence: 1,
      confidenceBasis: "observed",
      drivers: [
        makeDriver("stale-orders", `open ${countNoun(sorted.length, "PO")} of supplier ${names.supplier(supplierId)} past ${options.stalePoLeadTimeMultiple}× ${countNoun(sorted.length, "its", "their")} lead time (${sorted.map((o) => o.purchaseOrderId).join(", ")})`, sorted.length, "count", supplierId),
        makeDriver("days-late", "the oldest late by", asOf - oldest.promisedDay, "days", oldest.purchaseOrderId),
        makeDriver("skus", `${countNoun(skuList.length, "product")} affected (${shownSkus})`, skuList.length, "count"),
        makeDriver("order-units", "units not counted on as arriving", openUnits, "units"),
        makeDriver("open-value", "open value at cost", openValue, "money"),
        makeDriver("money-at-risk", "carrying risk if they arrive unneeded", moneyAtRisk, "money"),
      ],
      actions,
    },
    options,
  );
}
