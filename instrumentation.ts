/**
 * Next.js start-up hook: in the Node.js server process, start the background plan runner — the
 * daily schedule (STOCKPILOT_PLAN_SCHEDULE="02:00") and the queue of plan runs — and the retry loop of
 * briefing digests.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { ensurePlanRunner } = await import("./lib/server/plan-runs/ensure-plan-runner");
  ensurePlanRunner();
  const { startBriefingDelivery } = await import("./lib/server/copilot/briefings/start-briefing-delivery");
  startBriefingDelivery();
}
