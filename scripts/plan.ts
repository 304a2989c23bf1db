/**
 * `npm run plan`: one plan run over the whole network, now, in this process; prints its counts.
 * `npm run plan -- --run <id>`: executes a queued run (how the server's queue runs plans off its
 * event loop, in a child process). Exit code 1 when the run failed.
 */
import { db } from "../lib/server/db";
import { requestPlanRun } from "../lib/server/plan-runs/request-plan-run";
import { executePlanRun } from "../lib/server/plan-runs/execute-plan-run";
import { cliActor } from "../lib/server/actor";

async function main() {
  const runFlag = process.argv.indexOf("--run");
  const queuedId = runFlag >= 0 ? process.argv[runFlag + 1] : undefined;
  if (runFlag >= 0 && !queuedId) throw new Error("usage: npm run plan [-- --run PLAN_RUN_ID]");
  const runId =
    queuedId ??
    (await requestPlanRun(db, { trigger: "cli", requestedBy: cliActor() })).id;
  console.log(`Plan run ${runId}: started`);
  const outcome = await executePlanRun(db, runId);
  const run = await db.planRun.findUniqueOrThrow({ where: { id: runId } });
  if (outcome.status === "not-queued") {
    console.log(`Plan run ${runId} was not queued (status ${run.status}); nothing to do.`);
  } else if (outcome.status === "failed") {
    console.error(`Plan run ${runId} failed: ${run.error}`);
    process.exitCode = 1;
  } else {
    console.log(`Plan run ${runId} succeeded for ${run.asOf.toISOString().slice(0, 10)} (input ${run.inputHash?.slice(0, 12)}, ${run.engineVersion}, policy v${run.policyVersion})`);
    console.log(`timings ms: ${run.stageTimings}`);
    console.log(`counts:     ${run.counts}`);
  }
  await db.$disconnect();
}

await main();
