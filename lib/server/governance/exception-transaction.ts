import "server-only";
import type { Exception, Prisma } from "@prisma/client";
import type { AuditAction } from "../../contracts/audit";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { DbTransaction } from "../db";
import type { UserActor } from "../actor";
import { AppError } from "../app-error";

/** The fields of an exception that triage changes, as recorded before → after. */
export function exceptionSnapshot(e: Pick<Exception, "status" | "assigneeId" | "snoozedUntil" | "closedReason" | "version">) {
  return {
    status: e.status,
    assigneeId: e.assigneeId,
    snoozedUntil: e.snoozedUntil?.toISOString() ?? null,
    closedReason: e.closedReason,
    version: e.version,
  };
}

/** Someone changed the exception since the caller read it; names who and when, like the recommendation conflicts. */
async function conflict(tx: DbTransaction, exceptionId: string): Promise<AppError> {
  const last = await tx.auditEvent.findFirst({ where: { entityType: "Exception", entityId: exceptionId }, orderBy: { seq: "desc" } });
  const user = last?.actorId ? await tx.user.findUnique({ where: { id: last.actorId }, select: { name: true } }) : null;
  if (!last) return new AppError("CONFLICT", "This exception changed since you opened it (a newer plan run updated it). Reload to see the current state.");
  const who = user ? `${user.name} (${last.actorRole})` : "A plan run";
  return new AppError("CONFLICT", `${who} changed this exception (${last.action}) at ${last.at.toISOString()}. Reload to see the current state.`);
}

export interface ExceptionChange {
  exception: Exception;
  /** The version the caller saw; null for changes that never conflict (comments). */
  expectedVersion: number | null;
  data: Prisma.ExceptionUpdateManyMutationInput;
  actor: UserActor;
  action: AuditAction;
  reason?: string | null;
  details?: Record<string, unknown>;
}

/**
 * Applies a triage change to an exception only if nobody changed it since the caller read it
 * (version compared and bumped in the same statement), with its audit record in the same transaction.
 */
export async function writeExceptionChange(tx: DbTransaction, change: ExceptionChange): Promise<Exception> {
  const { exception, expectedVersion, actor } = change;
  if (expectedVersion !== null && exception.version !== expectedVersion) throw await conflict(tx, exception.id);
  const updated = await tx.exception.updateMany({
    where: { id: exception.id, version: exception.version },
    data: { ...change.data, version: { increment: 1 } },
  });
  if (updated.count === 0) throw await conflict(tx, exception.id);
  const next = await tx.exception.findUniqueOrThrow({ where: { id: exception.id } });
  await recordAuditEvent(tx, {
    actor,
    action: change.action,
    entityType: "Exception",
    entityId: exception.id,
    before: exceptionSnapshot(exception),
    after: { ...exceptionSnapshot(next), ...change.details },
    reason: change.reason ?? null,
    planRunId: exception.lastRunId,
  });
  return next;
}
