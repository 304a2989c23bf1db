/**
 * Test fixture (a child process of plan-run-shards.test.ts): a plan worker that takes a shard of the
 * given run and SIGKILLs its own process as the shard's forecast starts — a worker dying mid-shard.
 * Usage: node --conditions=react-server --import tsx lib/test/run-shard-until-killed.ts RUN_ID
 */
import { db } from "../server/db";
import { claimPlanRunShard, executePlanRunShard } from "../server/plan-runs/plan-run-shards";

const [runId] = process.argv.slice(2);
if (!runId) throw new Error("usage: run-shard-until-killed.ts RUN_ID");
const shard = await claimPlanRunShard(db, { runId });
if (!shard) throw new Error(`no queued shard of plan run ${runId}`);
await executePlanRunShard(db, shard, {
  engine: { forecastWorkers: 1 },
  onStage: (stage) => {
    if (stage === "forecast") process.kill(process.pid, "SIGKILL");
  },
});
throw new Error(`shard ${shard.id} ended without being killed`);
