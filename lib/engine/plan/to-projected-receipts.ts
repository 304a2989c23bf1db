import type { OpenPurchaseLine } from "../exceptions/series-context";
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
