import "server-only";
import { randomUUID } from "node:crypto";
import type { Db } from "../db";
import { recordAuditEvent } from "../audit/record-audit-event";
import { requestIncrementalReplan } from "../events/incremental-replan-scheduler";
import { exceptionWriteOptions } from "../exceptions/exception-write-options";
import type { UserActor } from "../actor";
import { AppError, forbidden, notFound } from "../app-error";
import { type FieldErrors } from "../../contracts/errors";
import { can } from "../../contracts/permissions";
import { storeLocationInScope } from "./store-locations";
import type { TPurchaseOrderReceiptRequest } from "../../contracts/store-tasks";
import { writeStoreStockEvents } from "./write-store-stock-events";

export interface PurchaseOrderReceiptResult {
  poNumber: string;
  status: string;
  unitsReceived: number;
}

/**
 * The store received (part of) a purchase order: each line's units are added to what arrived
 * before and to the store's recorded stock, the order's status follows (partial / received), and
 * the receipt is audited, all in one transaction. Refuses more units than a line still expects.
 */
export async function receivePurchaseOrder(db: Db, actor: UserActor, request: TPurchaseOrderReceiptRequest): Promise<PurchaseOrderReceiptResult> {
  if (!can(actor.role, "transfers.confirm")) throw forbidden("Only store managers confirm deliveries.");
  const result = await db.$transaction(async (tx) => {
    const po = await tx.purchaseOrder.findUnique({ where: { poNumber: request.poNumber }, include: { lines: { include: { product: { select: { sku: true, name: true } } } } } });
    if (!po) throw notFound("This purchase order");
    const location = await storeLocationInScope(tx, actor, po.destinationLocationId, "This purchase order");
    if (po.status !== "OPEN" && po.status !== "PARTIAL") throw new AppError("CONFLICT", `This purchase order is already ${po.status.toLowerCase()}; reload to see its receipts.`);
    const fieldErrors: FieldErrors = {};
    request.lines.forEach((received, i) => {
      const line = po.lines.find((l) => l.lineNo === received.lineNo);
      if (!line) fieldErrors[`lines.${i}.lineNo`] = [`line ${received.lineNo} is not on purchase order ${po.poNumber}`];
      else if (received.qtyReceived > line.qtyOrdered - line.qtyReceived) {
        fieldErrors[`lines.${i}.qtyReceived`] = [`${received.qtyReceived} units is more than the ${line.qtyOrdered - line.qtyReceived} line ${line.lineNo} still expects`];
      }
    });
    if (Object.keys(fieldErrors).length > 0) throw new AppError("VALIDATION_FAILED", "The receipt was not recorded; check the highlighted lines.", { fieldErrors });

    const arrived = request.lines.filter((l) => l.qtyReceived > 0);
    const now = new Date().toISOString();
    const products = new Map(po.lines.map((l) => [l.product.sku, l.productId]));
    const receiptId = `store-receipt:${po.poNumber}:${randomUUID()}`;
    await writeStoreStockEvents(tx, { locations: new Map([[location.code, location]]), products }, [
      { id: receiptId, type: "purchase_order_receipt", occurredAt: now, poNumber: po.poNumber, lines: arrived.map((l) => ({ lineNo: l.lineNo, qtyReceived: l.qtyReceived })) },
      ...arrived.map((l) => {
        const line = po.lines.find((x) => x.lineNo === l.lineNo)!;
        return { id: `${receiptId}:line-${l.lineNo}`, type: "inventory_adjustment" as const, occurredAt: now, location: location.code, sku: line.product.sku, quantity: l.qtyReceived, reason: `Received on ${po.poNumber}` };
      }),
    ]);
    const after = await tx.purchaseOrder.findUniqueOrThrow({ where: { id: po.id }, select: { status: true } });
    const unitsReceived = arrived.reduce((sum, l) => sum + l.qtyReceived, 0);
    await recordAuditEvent(tx, {
      actor,
      action: "purchase_order.received",
      entityType: "PurchaseOrder",
      entityId: po.poNumber,
      before: { status: po.status, received: Object.fromEntries(po.lines.map((l) => [l.product.name, l.qtyReceived])) },
      after: { status: after.status, unitsReceived, location: location.name, lines: arrived.map((l) => ({ product: po.lines.find((x) => x.lineNo === l.lineNo)!.product.name, units: l.qtyReceived })) },
    });
    return { poNumber: po.poNumber, status: after.status, unitsReceived };
  }, exceptionWriteOptions);
  requestIncrementalReplan();
  return result;
}
