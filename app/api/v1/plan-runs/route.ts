import { db } from "@/lib/server/db";
import { withPermission } from "@/lib/server/http/with-permission";
import { requestPlanRun } from "@/lib/server/plan-runs/request-plan-run";
import { ensurePlanRunner } from "@/lib/server/plan-runs/ensure-plan-runner";
import { getPlanRun } from "@/lib/server/plan-runs/get-plan-run";
import { listPlanRuns } from "@/lib/server/plan-runs/list-plan-runs";
import { ZStartPlanRunRequest } from "@/lib/contracts/plan-runs";
import { userActor } from "@/lib/server/actor";

export const dynamic = "force-dynamic";

/** The latest runs and the schedule: TPlanRunList. */
export const GET = withPermission("plan_runs.read", async () => {
  ensurePlanRunner();
  return Response.json(await listPlanRuns(db));
});

/** "Replan": queues a run and answers 202 with it at once (TPlanRunView); poll GET /api/v1/plan-runs/{id}. */
export const POST = withPermission("plan_runs.create", { body: ZStartPlanRunRequest }, async ({ user, origin }) => {
  const run = await requestPlanRun(db, { trigger: "manual", requestedBy: userActor(user, origin), origin });
  return Response.json(await getPlanRun(db, run.id), { status: 202, headers: { Location: `/api/v1/plan-runs/${run.id}` } });
});
