import "server-only";
import { nextScheduledRun, readPlanSchedule } from "./plan-schedule";
import { requestPlanRun } from "./request-plan-run";
import { db } from "../db";

const globalForSchedule = globalThis as unknown as { stockpilotPlanSchedule?: true };

/**
 * The daily plan run at STOCKPILOT_PLAN_SCHEDULE ("HH:MM", server time zone), started once per
 * process by whatever runs plans here (the web server's local runner or `npm run worker`). Several
 * workers may each schedule it: a request finding a scheduled run already queued since that time
 * is absorbed, so the network is planned once.
 */
export function startPlanSchedule(): void {
  const dailyAt = readPlanSchedule();
  if (!dailyAt || globalForSchedule.stockpilotPlanSchedule) return;
  globalForSchedule.stockpilotPlanSchedule = true;
  const scheduleNext = () => {
    const at = nextScheduledRun(dailyAt, new Date());
    setTimeout(() => {
      void requestPlanRun(db, { trigger: "schedule", origin: `schedule ${dailyAt}`, onceSince: at }).catch((error: unknown) =>
        console.error("scheduled plan run could not be queued", error),
      );
      scheduleNext();
    }, at.getTime() - Date.now()).unref();
  };
  scheduleNext();
}
