/**
 * Next.js start-up hook: in the Node.js server process, put the connection guard in front of every
 * request (peer address, 413 before reading an oversized body), then start the background plan
 * runner — the daily schedule (STOCKPILOT_PLAN_SCHEDULE="02:00") and the queue of plan runs —, the
 * retry loop of briefing digests and the audit log's periodic signed checkpoint.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  const { installConnectionGuard } = await import("./lib/server/http/connection-guard");
  installConnectionGuard();
  const { ensurePlanRunner } = await import("./lib/server/plan-runs/ensure-plan-runner");
  ensurePlanRunner();
  const { startBriefingDelivery } = await import("./lib/server/copilot/briefings/start-briefing-delivery");
  startBriefingDelivery();
  const { startAuditCheckpoints } = await import("./lib/server/audit/start-audit-checkpoints");
  startAuditCheckpoints();
}
