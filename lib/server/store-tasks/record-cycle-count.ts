import "server-only";
import type { Db } from "../db";
import { recordAuditEvent } from "../audit/record-audit-event";
import { requestIncrementalReplan } from "../events/incremental-replan-scheduler";
import { writeExceptionChange } from "../governance/exception-transaction";
import { exceptionWriteOptions } from "../exceptions/exception-write-options";
import { loadExceptionInScope } from "../exceptions/load-exception-in-scope";
import type { UserActor } from "../actor";
import { AppError, forbidden } from "../app-error";
import { can } from "../../contracts/permissions";
import { CLOSED_REASONS } from "../../contracts/exceptions";
import { storeLocationInScope } from "./store-locations";
import type { TCycleCountRequest } from "../../contracts/store-tasks";
import { writeStoreStockEvents } from "./write-store-stock-events";

export interface CycleCountResult {
  exceptionId: string;
  previousOnHand: number | null;
  countedQuantity: number;
  difference: number | null;
}

/**
 * A store counted the shelf for an inventory-inaccuracy exception: the counted quantity becomes the
 * recorded stock (as an inventory count, so adjustments after it still apply), the exception is
 * closed as counted, and both are audited in one transaction. The series is replanned after commit.
 */
export async function recordCycleCount(db: Db, actor: UserActor, request: TCycleCountRequest): Promise<CycleCountResult> {
  if (!can(actor.role, "inventory.flag_count")) throw forbidden("Only store managers record cycle counts.");
  const result = await db.$transaction(async (tx) => {
    const { exception, locationCode } = await loadExceptionInScope(tx, actor, request.exceptionId);
    // A region-scoped planner may see the exception; only the store's own people may count it.
    const location = await storeLocationInScope(tx, actor, exception.locationId, "This exception");
    if (exception.type !== "inventory_inaccuracy") throw new AppError("VALIDATION_FAILED", "Only an inventory-inaccuracy exception is closed by a count.", { fieldErrors: { exceptionId: ["is not an inventory-inaccuracy exception"] } });
    if (exception.status === "closed") throw new AppError("CONFLICT", "This exception was already closed; reload to see who counted it.");
    const product = await tx.product.findUniqueOrThrow({ where: { id: exception.productId }, select: { sku: true, name: true } });
    const before = await tx.inventoryPosition.findFirst({ where: { locationId: exception.locationId, productId: exception.productId }, orderBy: { asOf: "desc" }, select: { onHand: true } });
    const previousOnHand = before?.onHand ?? null;
    const now = new Date();
    await writeStoreStockEvents(tx, { locations: new Map([[locationCode, location]]), products: new Map([[product.sku, exception.productId]]) }, [
      { id: `store-count:${exception.id}:${exception.version}`, type: "inventory_count", occurredAt: now.toISOString(), location: locationCode, sku: product.sku, onHand: request.countedQuantity },
    ]);
    const difference = previousOnHand === null ? null : request.countedQuantity - previousOnHand;
    await writeExceptionChange(tx, {
      exception,
      expectedVersion: request.expectedVersion,
      data: { status: "closed", closedAt: now, closedReason: CLOSED_REASONS.cycleCounted },
      actor,
      action: "exception.resolved",
      reason: CLOSED_REASONS.cycleCounted,
      details: { countedQuantity: request.countedQuantity, previousOnHand },
    });
    await recordAuditEvent(tx, {
      actor,
      action: "inventory.counted",
      entityType: "InventoryPosition",
      entityId: `${locationCode}|${product.sku}`,
      before: { onHand: previousOnHand },
      after: { onHand: request.countedQuantity, difference, product: product.name, location: location.name, exceptionId: exception.id },
      reason: CLOSED_REASONS.cycleCounted,
      planRunId: exception.lastRunId,
    });
    return { exceptionId: exception.id, previousOnHand, countedQuantity: request.countedQuantity, difference };
  }, exceptionWriteOptions);
  requestIncrementalReplan();
  return result;
}
