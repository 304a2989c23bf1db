import "server-only";
import { runDecisionTransaction } from "../governance/decision-transaction";
import type { Db } from "../db";
import { HEARTBEAT_STALE_MS } from "./plan-run-heartbeat";
import { recordPlanRunFailed } from "./plan-run-audit";
import { queuePlanRun } from "./request-plan-run";
import { notifyPlanWorkers } from "./plan-worker-notice";
import { ZPlanRunScope, type TPlanRunTrigger } from "../../contracts/plan-runs";

export interface AbandonedPlanRun {
  runId: string;
  /** The run queued in its place, unless it was itself a retry. */
  retryRunId: string | null;
}

/**
 * Fails a run whose worker is gone and queues it once more (a retry is not retried: a run that
 * kills its worker twice needs a person). Nothing the dead run computed is visible — a run publishes
 * in one final transaction — so retrying is safe. The status change is conditional, so when two
 * processes notice the same dead run only one fails and retries it.
 */
export async function abandonPlanRun(db: Db, runId: string, message: string, options: { staleBefore?: Date; now?: Date } = {}): Promise<AbandonedPlanRun | null> {
  const now = options.now ?? new Date();
  const abandoned = await runDecisionTransaction(db, async (tx) => {
    const before = await tx.planRun.findUnique({ where: { id: runId } });
    if (!before || (before.status !== "running" && before.status !== "queued")) return null;
    const { count } = await tx.planRun.updateMany({
      where: {
        id: runId,
        status: before.status,
        ...(options.staleBefore ? { OR: [{ heartbeatAt: { lt: options.staleBefore } }, { heartbeatAt: null, startedAt: { lt: options.staleBefore } }] } : {}),
      },
      data: { status: "failed", finishedAt: now, error: message, stage: null },
    });
    if (count === 0) return null;
    const after = await tx.planRun.findUniqueOrThrow({ where: { id: runId } });
    await recordPlanRunFailed(tx, before, after, message);
    if (before.retryOfId) return { runId, retryRunId: null };
    const scope = before.scope ? ZPlanRunScope.parse(JSON.parse(before.scope)) : null;
    const retry = await queuePlanRun(tx, {
      trigger: before.trigger as TPlanRunTrigger,
      scope,
      requestedBy: before.requestedById ? { id: before.requestedById, role: null, scopes: [] } : null,
      origin: `retry of plan run ${runId}`,
      retryOfId: runId,
    });
    return { runId, retryRunId: retry.id };
  });
  if (abandoned?.retryRunId) notifyPlanWorkers();
  return abandoned;
}

/**
 * Finds running plans whose heartbeat stopped (their worker process died: killed, out of memory,
 * machine lost) and abandons them, so Replan is never stuck behind a run nobody is running. Cheap
 * (one indexed query); called by every worker's loop and on every read of the plan-run status.
 */
export async function reapStalePlanRuns(db: Db, now = new Date()): Promise<AbandonedPlanRun[]> {
  const staleBefore = new Date(now.getTime() - HEARTBEAT_STALE_MS);
  const stale = await db.planRun.findMany({
    where: { status: "running", OR: [{ heartbeatAt: { lt: staleBefore } }, { heartbeatAt: null, startedAt: { lt: staleBefore } }] },
    select: { id: true },
  });
  const abandoned: AbandonedPlanRun[] = [];
  for (const { id } of stale) {
    const seconds = Math.round(HEARTBEAT_STALE_MS / 1000);
    const result = await abandonPlanRun(db, id, `The plan worker stopped responding (no heartbeat for ${seconds} s); nothing of this run was published.`, { staleBefore, now });
    if (result) abandoned.push(result);
  }
  return abandoned;
}
