import { db } from "@/lib/server/db";
import { withPermission } from "@/lib/server/http/with-permission";
import { getPlanRun } from "@/lib/server/plan-runs/get-plan-run";
import { ZPlanRunIdParams } from "@/lib/contracts/plan-runs";

export const dynamic = "force-dynamic";

/** One run's status, stage, progress, timings and counts: TPlanRunView. */
export const GET = withPermission("plan_runs.read", { params: ZPlanRunIdParams }, async ({ params }) => Response.json(await getPlanRun(db, params.id)));
