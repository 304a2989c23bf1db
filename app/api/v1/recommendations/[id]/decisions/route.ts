import { db } from "@/lib/server/db";
import { approveRecommendation, type ApprovalOutcome } from "@/lib/server/governance/approve-recommendation";
import { ZDecisionRequest, ZRecommendationParams, type TDecisionRequest } from "@/lib/contracts/governance";
import { userActor, type UserActor } from "@/lib/server/actor";
import { modifyRecommendation } from "@/lib/server/governance/modify-recommendation";
import { rejectRecommendation } from "@/lib/server/governance/reject-recommendation";
import { withPermission } from "@/lib/server/http/with-permission";

function decide(actor: UserActor, id: string, request: TDecisionRequest): Promise<ApprovalOutcome> {
  switch (request.decision) {
    case "approve":
      return approveRecommendation(db, actor, id, request);
    case "modify":
      return modifyRecommendation(db, actor, id, request).then((recommendation) => ({ recommendation, replanRunId: null }));
    case "reject":
      return rejectRecommendation(db, actor, id, request).then((recommendation) => ({ recommendation, replanRunId: null }));
  }
}

/**
 * Approve, modify or reject one recommendation at `expectedVersion`. 409 when someone decided it
 * first (the message names them); modify and reject rights are checked in the domain functions.
 * `replanRunId` is set when an approval changed a forecast and queued the replan of its series.
 */
export const POST = withPermission(
  "decisions.approve",
  { params: ZRecommendationParams, body: ZDecisionRequest },
  async ({ params, body, user, origin }) => {
    const { recommendation: r, replanRunId } = await decide(userActor(user, origin), params.id, body);
    return Response.json({
      recommendation: { id: r.id, status: r.status, version: r.version, tier: r.tier, quantity: r.quantity, value: r.value },
      replanRunId,
    });
  },
);
