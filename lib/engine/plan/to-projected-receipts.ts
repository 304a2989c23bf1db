import type { OpenPurchaseLine, SeriesContext } from "../exceptions/series-context";
import type { ProjectedReceipt } from "../projection/project-inventory";
import type { DayNumber } from "../types";

/** Open purchase-order lines as receipts on projection days (day 0 is the day after asOf). */
export function toProjectedReceipts(lines: readonly OpenPurchaseLine[], asOf: DayNumber): ProjectedReceipt[] {
  return lines.map((line) => ({
    dayOffset: line.expectedDay - asOf - 1,
    quantity: line.quantity,
    reference: line.purchaseOrderId,
    ...(line.lateProbability ? { lateProbability: line.lateProbability } : {}),
  }));
}

/**
 * Every receipt a series' projection counts on: its open lines, customer returns back in stock and
 * the plan's DC allocation. Each projection of the series (with or without an action) starts here.
 */
export function projectionReceipts(context: Pick<SeriesContext, "openLines" | "asOf" | "returnReceipts" | "allocationReceipt">): ProjectedReceipt[] {
  return [
    ...toProjectedReceipts(context.openLines, context.asOf),
    ...(context.returnReceipts ?? []),
    ...(context.allocationReceipt ? [context.allocationReceipt] : []),
  ];
}
