import "server-only";
import { db } from "../db";
import { enqueuePlanRun } from "./enqueue-plan-run";
import { startPlanRunQueue } from "./plan-run-queue";
import { nextScheduledRun, readPlanSchedule } from "./plan-schedule";

/** Queued rows written by other processes (the import CLI, another instance) are picked up this often. */
const POLL_INTERVAL_MS = 30_000;
const globalForRunner = globalThis as unknown as { stockpilotPlanRunner?: true };

function scheduleNext(dailyAt: string) {
  const delay = nextScheduledRun(dailyAt, new Date()).getTime() - Date.now();
  setTimeout(() => {
    void enqueuePlanRun({ trigger: "schedule", origin: `schedule ${dailyAt}` }).catch((error: unknown) =>
      console.error("scheduled plan run could not be queued", error),
    );
    scheduleNext(dailyAt);
  }, delay).unref();
}

/**
 * Starts, once per server process, what runs plans in the background: the daily schedule
 * (STOCKPILOT_PLAN_SCHEDULE="02:00"), a poll for queued runs other processes wrote, and a first
 * pass over whatever is queued now. Called from instrumentation.ts and, as a fallback, by the
 * plan-run and exception routes.
 */
export function ensurePlanRunner(): void {
  if (globalForRunner.stockpilotPlanRunner) return;
  globalForRunner.stockpilotPlanRunner = true;
  const dailyAt = readPlanSchedule();
  if (dailyAt) scheduleNext(dailyAt);
  const poll = async () => {
    if ((await db.planRun.count({ where: { status: "queued" } })) > 0) await startPlanRunQueue();
  };
  setInterval(() => void poll().catch((error: unknown) => console.error("plan run poll failed", error)), POLL_INTERVAL_MS).unref();
  void poll().catch((error: unknown) => console.error("plan run poll failed", error));
}
