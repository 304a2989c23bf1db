import type { ProjectedReceipt } from "./project-inventory";

/**
 * The projection day (0 = today's plan day) a receipt due on `dayOffset` arrives once expedited: after
 * `remainingTransitShare` of its remaining transit, at least a day from now. A receipt due tomorrow
 * or earlier cannot come earlier.
 */
export function expeditedDayOffset(dayOffset: number, remainingTransitShare: number): number {
  return Math.min(dayOffset, Math.max(1, Math.ceil(dayOffset * remainingTransitShare)));
}

/**
 * The receipts with one purchase order's lines expedited (see expeditedDayOffset). Undefined when no
 * line of it can come earlier, or the order is not among them.
 */
export function expediteReceipts(
  receipts: readonly ProjectedReceipt[],
  purchaseOrderId: string,
  remainingTransitShare: number,
): ProjectedReceipt[] | undefined {
  let earlier = false;
  const expedited = receipts.map((receipt) => {
    if (receipt.reference !== purchaseOrderId) return receipt;
    const dayOffset = expeditedDayOffset(receipt.dayOffset, remainingTransitShare);
    if (dayOffset === receipt.dayOffset) return receipt;
    earlier = true;
    return { ...receipt, dayOffset };
  });
  return earlier ? expedited : undefined;
}
