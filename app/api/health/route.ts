import { db } from "@/lib/server/db";
import { checkHealth } from "@/lib/server/health/check-health";

export const dynamic = "force-dynamic";

/** Liveness + readiness: 200 once the database answers and is migrated, 503 otherwise. Public. */
export async function GET() {
  const report = await checkHealth(db);
  return Response.json(report, { status: report.status === "ok" ? 200 : 503, headers: { "cache-control": "no-store" } });
}
