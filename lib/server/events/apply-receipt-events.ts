import "server-only";
import { AppError } from "../app-error";
import { startOfUtcDay } from "../../engine/calendar";
import type { EventBatchContext, NewEvent } from "./event-batch-context";
import type { TEvent } from "../../contracts/events";

type ReceiptEvent = Extract<TEvent, { type: "purchase_order_receipt" }>;

/**
 * Receipts are deltas (this delivery's quantities), so their order does not matter and each event
 * id adds once. The PO's status follows from what has arrived, unless it was cancelled.
 */
export async function applyReceiptEvents(ctx: EventBatchContext, events: readonly NewEvent<ReceiptEvent>[]): Promise<void> {
  for (const { event, index, occurredAt } of events) {
    const po = await ctx.tx.purchaseOrder.findUnique({ where: { poNumber: event.poNumber }, include: { lines: true } });
    if (!po) throw refused(ctx.errorKey(index, "poNumber"), event.id, `unknown purchase order "${event.poNumber}"`);
    const day = startOfUtcDay(occurredAt);
    for (const [lineIndex, received] of event.lines.entries()) {
      const line = po.lines.find((l) => l.lineNo === received.lineNo);
      if (!line) throw refused(ctx.errorKey(index, `lines.${lineIndex}.lineNo`), event.id, `purchase order "${event.poNumber}" has no line ${received.lineNo}`);
      line.qtyReceived += received.qtyReceived;
      line.receivedAt = line.receivedAt && line.receivedAt < day ? line.receivedAt : day;
      await ctx.tx.purchaseOrderLine.update({
        where: { purchaseOrderId_lineNo: { purchaseOrderId: po.id, lineNo: line.lineNo } },
        data: { qtyReceived: line.qtyReceived, receivedAt: line.receivedAt },
      });
      ctx.dirty.add(`${po.destinationLocationId}|${line.productId}`);
    }
    if (po.status !== "CANCELLED") {
      const status = po.lines.every((l) => l.qtyReceived >= l.qtyOrdered) ? "RECEIVED" : "PARTIAL";
      await ctx.tx.purchaseOrder.update({ where: { id: po.id }, data: { status } });
    }
    ctx.outcomes.set(event.id, { outcome: "applied" });
  }
}

function refused(key: string, id: string, message: string): AppError {
  return new AppError("VALIDATION_FAILED", "The batch was refused; nothing of it was written.", { fieldErrors: { [key]: [`event "${id}": ${message}`] } });
}
