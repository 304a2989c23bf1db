/**
 * Next.js start-up hook: in the Node.js server process, put the connection guard in front of every
 * request (peer address, 413 before reading an oversized body), then start the background plan
 * runner — the daily schedule (STOCKPILOT_PLAN_SCHEDULE="02:00") and the queue of plan runs — and
 * the retry loop of briefing digests.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installConnectionGuard } = await import("./lib/server/http/connection-guard");
  installConnectionGuard();
  const { ensurePlanRunner } = await import("./lib/server/plan-runs/ensure-plan-runner");
  ensurePlanRunner();
  const { startBriefingDelivery } = await import("./lib/server/copilot/briefings/start-briefing-delivery");
  startBriefingDelivery();
}
