import "server-only";
import { db } from "../db";
import { reapStalePlanRuns } from "./abandon-plan-run";
import { startPlanRunQueue } from "./plan-run-queue";
import { readPlanWorkerMode } from "./plan-worker-mode";
import { onPlanRunRequested } from "./plan-worker-notice";
import { startPlanSchedule } from "./start-plan-schedule";

/**
 * Queued rows written by other processes (the import CLI, another instance) are picked up this
 * often, and runs whose worker died are found: a stale heartbeat (30 s) plus one poll stays under a minute.
 */
const POLL_INTERVAL_MS = 10_000;
const globalForRunner = globalThis as unknown as { stockpilotPlanRunner?: true };

/**
 * Starts, once per web server process, the local plan worker (STOCKPILOT_PLAN_WORKERS=local, the
 * default): the daily schedule, a poll for queued runs other processes wrote, the search for runs
 * whose worker died, and a first pass over whatever is queued now. Each run executes in a child
 * process, never in the web process. With STOCKPILOT_PLAN_WORKERS=external, `npm run worker`
 * processes do all of this and the web server only queues. Called from instrumentation.ts and, as
 * a fallback, by the plan-run routes.
 */
export function ensurePlanRunner(): void {
  if (globalForRunner.stockpilotPlanRunner || readPlanWorkerMode() === "external") return;
  globalForRunner.stockpilotPlanRunner = true;
  startPlanSchedule();
  onPlanRunRequested(() => void startPlanRunQueue());
  const poll = async () => {
    await reapStalePlanRuns(db);
    if ((await db.planRun.count({ where: { status: "queued" } })) > 0) await startPlanRunQueue();
  };
  setInterval(() => void poll().catch((error: unknown) => console.error("plan run poll failed", error)), POLL_INTERVAL_MS).unref();
  void poll().catch((error: unknown) => console.error("plan run poll failed", error));
}
