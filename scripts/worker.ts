/**
 * `npm run worker`: a plan worker. Plans shards of runs under way (STOCKPILOT_PLAN_SHARDS > 1: a
 * whole-network run is cut into groups of suppliers that several workers plan at once), else runs
 * queued plan runs one at a time, oldest first (the claim queued → running is conditional, so several
 * workers never run the same row), beats a heartbeat
 * while running, fails and retries runs whose worker died, and queues the daily scheduled run.
 * Use it with STOCKPILOT_PLAN_WORKERS=external on the web servers. SIGTERM/SIGINT finish the run in
 * progress, then exit.
 */
import { db } from "../lib/server/db";
import { reapStalePlanRuns } from "../lib/server/plan-runs/abandon-plan-run";
import { executePlanRun } from "../lib/server/plan-runs/execute-plan-run";
import { claimPlanRunShard, executePlanRunShard } from "../lib/server/plan-runs/plan-run-shards";
import { onPlanRunRequested } from "../lib/server/plan-runs/plan-worker-notice";
import { startPlanSchedule } from "../lib/server/plan-runs/start-plan-schedule";

/** Idle workers look for queued runs (written by web servers) this often. */
const POLL_MS = 2_000;

let stopping = false;
let wake: (() => void) | null = null;
const idle = () => new Promise<void>((resolve) => {
  const timer = setTimeout(resolve, POLL_MS);
  wake = () => {
    clearTimeout(timer);
    resolve();
  };
});
for (const signal of ["SIGTERM", "SIGINT"] as const) {
  process.on(signal, () => {
    console.log(`plan worker ${process.pid}: ${signal}, stopping after the current run`);
    stopping = true;
    wake?.();
  });
}

onPlanRunRequested(() => wake?.());
startPlanSchedule();
console.log(`plan worker ${process.pid} started`);
while (!stopping) {
  try {
    for (const { runId, retryRunId } of await reapStalePlanRuns(db)) console.log(`plan run ${runId}: worker died; ${retryRunId ? `retry ${retryRunId} queued` : "not retried"}`);
    // A shard of a run another worker coordinates comes first: that run is already under way.
    const shard = await claimPlanRunShard(db);
    if (shard) {
      const started = performance.now();
      const outcome = await executePlanRunShard(db, shard);
      console.log(`plan run ${shard.planRunId}: shard ${shard.shardNo + 1} ${outcome} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
      continue;
    }
    const next = await db.planRun.findFirst({ where: { status: "queued" }, orderBy: { queuedAt: "asc" }, select: { id: true } });
    if (!next) {
      await idle();
      continue;
    }
    const started = performance.now();
    const outcome = await executePlanRun(db, next.id);
    if (outcome.status !== "not-queued") console.log(`plan run ${next.id}: ${outcome.status} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    console.error("plan worker loop failed", error);
    await idle();
  }
}
await db.$disconnect();
