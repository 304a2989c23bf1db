/**
 * Test fixture (a child process of plan-run-kill.test.ts): runs a queued plan the way a plan worker
 * does and SIGKILLs its own process as the named stage starts ("publish": inside the publish
 * transaction, after its writes, just before commit) — a worker dying without a chance to clean up.
 * Usage: node --conditions=react-server --import tsx lib/test/run-plan-until-killed.ts RUN_ID STAGE
 */
import { db } from "../server/db";
import { executePlanRun } from "../server/plan-runs/execute-plan-run";
import { PLAN_RUN_STAGES } from "../contracts/plan-runs";

const [runId, stage] = process.argv.slice(2);
if (!runId || !PLAN_RUN_STAGES.some((known) => known === stage)) throw new Error(`usage: run-plan-until-killed.ts RUN_ID ${PLAN_RUN_STAGES.join("|")}`);
await executePlanRun(db, runId, {
  engine: { forecastWorkers: 1 },
  onStage: (current) => {
    if (current === stage && stage !== "publish") process.kill(process.pid, "SIGKILL");
  },
  beforePublishCommit: () => {
    if (stage === "publish") process.kill(process.pid, "SIGKILL");
  },
});
throw new Error(`plan run ${runId} ended without reaching stage ${stage}`);
