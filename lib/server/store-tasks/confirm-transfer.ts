import "server-only";
import type { Db } from "../db";
import { recordAuditEvent } from "../audit/record-audit-event";
import { requestIncrementalReplan } from "../events/incremental-replan-scheduler";
import { exceptionWriteOptions } from "../exceptions/exception-write-options";
import type { UserActor } from "../actor";
import { AppError, forbidden, notFound } from "../app-error";
import { can } from "../../contracts/permissions";
import { APPROVED_STATUSES } from "../../contracts/governance";
import { storeLocationInScope } from "./store-locations";
import type { TTransferConfirmationRequest } from "../../contracts/store-tasks";
import { writeStoreStockEvents } from "./write-store-stock-events";
import { isPrismaError } from "../db-errors";


export interface TransferConfirmationResult {
  recommendationId: string;
  step: "shipped" | "received";
  quantity: number;
}

/**
 * A store confirms an approved transfer: the source store that the goods left (its stock goes
 * down), the destination store that they arrived (its stock goes up), after the source store's
 * shipment. Each step once; only the store at that end may confirm it; the confirmation, the stock change and the audit row commit together.
 */
export async function confirmTransfer(db: Db, actor: UserActor, request: TTransferConfirmationRequest): Promise<TransferConfirmationResult> {
  if (!can(actor.role, "transfers.confirm")) throw forbidden("Only store managers confirm transfers.");
  const result = await db.$transaction(async (tx) => {
    const rec = await tx.recommendation.findUnique({ where: { id: request.recommendationId }, include: { exception: { select: { productId: true, lastRunId: true } } } });
    if (!rec || rec.actionType !== "transfer" || rec.sourceLocationId === null || rec.destLocationId === null) throw notFound("This transfer");
    const locationId = request.step === "shipped" ? rec.sourceLocationId : rec.destLocationId;
    const location = await storeLocationInScope(tx, actor, locationId, "This transfer");
    if (!(APPROVED_STATUSES as readonly string[]).includes(rec.status)) throw new AppError("CONFLICT", `This transfer is ${rec.status.replace("_", "-")}, not approved, so there is nothing to confirm yet.`);
    if (request.step === "received") {
      // Goods leaving a store are confirmed there first: receiving before that would count them at both ends.
      const source = await tx.location.findUniqueOrThrow({ where: { id: rec.sourceLocationId }, select: { type: true, name: true } });
      const shipped = await tx.transferConfirmation.findFirst({ where: { recommendationId: rec.id, step: "shipped" }, select: { recommendationId: true } });
      if (source.type === "STORE" && !shipped) throw new AppError("CONFLICT", `${source.name} has not confirmed shipping this transfer yet, so there is nothing to receive.`);
    }
    const product = await tx.product.findUniqueOrThrow({ where: { id: rec.exception.productId }, select: { sku: true, name: true } });
    const quantity = request.quantity ?? Math.round(rec.quantity);
    try {
      await tx.transferConfirmation.create({ data: { recommendationId: rec.id, step: request.step, locationId, productId: rec.exception.productId, quantity, confirmedById: actor.id } });
    } catch (error) {
      if (isPrismaError(error, "P2002")) throw new AppError("CONFLICT", `This transfer was already confirmed as ${request.step}; reload to see it.`);
      throw error;
    }
    if (quantity > 0) {
      await writeStoreStockEvents(tx, { locations: new Map([[location.code, location]]), products: new Map([[product.sku, rec.exception.productId]]) }, [
        {
          id: `store-transfer:${rec.id}:${request.step}`,
          type: "inventory_adjustment",
          occurredAt: new Date().toISOString(),
          location: location.code,
          sku: product.sku,
          quantity: request.step === "shipped" ? -quantity : quantity,
          reason: `Transfer ${request.step}`,
        },
      ]);
    }
    await recordAuditEvent(tx, {
      actor,
      action: "transfer.confirmed",
      entityType: "Recommendation",
      entityId: rec.id,
      before: { approvedQuantity: Math.round(rec.quantity) },
      after: { step: request.step, quantity, product: product.name, location: location.name },
      planRunId: rec.exception.lastRunId,
    });
    return { recommendationId: rec.id, step: request.step, quantity };
  }, exceptionWriteOptions);
  requestIncrementalReplan();
  return result;
}
