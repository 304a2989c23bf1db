import { db } from "@/lib/server/db";
import { batchApproveRecommendations } from "@/lib/server/governance/batch-approve-recommendations";
import { ZBatchApproveRequest } from "@/lib/contracts/governance";
import { listPendingApprovals } from "@/lib/server/governance/list-pending-approvals";
import { ZListPendingApprovalsQuery } from "@/lib/contracts/governance";
import { withPermission } from "@/lib/server/http/with-permission";
import { userActor } from "@/lib/server/actor";

/** The approvals inbox of the signed-in approver. */
export const GET = withPermission("decisions.approve", { query: ZListPendingApprovalsQuery }, async ({ user, query, origin }) =>
  Response.json(await listPendingApprovals(db, userActor(user, origin), query)),
);

/** Batch approval; the body must carry `confirm: true`. Per-item outcomes, 200 even when some were refused. */
export const POST = withPermission("decisions.approve", { body: ZBatchApproveRequest }, async ({ user, body, origin }) =>
  Response.json(await batchApproveRecommendations(db, userActor(user, origin), body)),
);
