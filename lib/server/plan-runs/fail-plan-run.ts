import "server-only";
import { runDecisionTransaction } from "../governance/decision-transaction";
import type { Db } from "../db";
import { recordPlanRunFailed } from "./plan-run-audit";
import { deleteShardRows } from "./plan-run-shards";

/** Marks a run failed with its audit event, and drops its shards' rows; also used when a worker process dies without a word. */
export async function failPlanRun(db: Db, runId: string, message: string, at = new Date()): Promise<void> {
  await runDecisionTransaction(db, async (tx) => {
    const before = await tx.planRun.findUnique({ where: { id: runId } });
    if (!before || before.status === "succeeded" || before.status === "failed") return;
    const after = await tx.planRun.update({ where: { id: runId }, data: { status: "failed", finishedAt: at, error: message, stage: null } });
    await recordPlanRunFailed(tx, before, after, message);
  });
  await deleteShardRows(db, runId);
}
