import "server-only";
import type { PlanRun } from "@prisma/client";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { DbTransaction } from "../db";
import { SYSTEM_ACTOR } from "../actor";

/** The fields of a plan run its audit records show before → after. */
export function planRunSnapshot(run: Pick<PlanRun, "status" | "trigger" | "asOf" | "inputHash" | "engineVersion" | "policyVersion" | "counts" | "error" | "scope">) {
  return {
    status: run.status,
    trigger: run.trigger,
    asOf: run.asOf.toISOString().slice(0, 10),
    inputHash: run.inputHash,
    engineVersion: run.engineVersion,
    policyVersion: run.policyVersion,
    counts: run.counts ? (JSON.parse(run.counts) as unknown) : null,
    error: run.error,
    scope: run.scope ? (JSON.parse(run.scope) as unknown) : null,
  };
}

/** The audit record of a run the system failed (an error, or a worker that died). */
export async function recordPlanRunFailed(tx: DbTransaction, before: PlanRun, after: PlanRun, message: string): Promise<void> {
  await recordAuditEvent(tx, {
    actor: SYSTEM_ACTOR,
    action: "plan_run.failed",
    entityType: "PlanRun",
    entityId: after.id,
    before: planRunSnapshot(before),
    after: planRunSnapshot(after),
    reason: message,
    planRunId: after.id,
  });
}
