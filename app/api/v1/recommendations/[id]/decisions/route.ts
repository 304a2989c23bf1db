import { db } from "@/lib/server/db";
import { approveRecommendation } from "@/lib/server/governance/approve-recommendation";
import { ZDecisionRequest, ZRecommendationParams, type TDecisionRequest } from "@/lib/contracts/governance";
import { userActor, type UserActor } from "@/lib/server/actor";
import { modifyRecommendation } from "@/lib/server/governance/modify-recommendation";
import { rejectRecommendation } from "@/lib/server/governance/reject-recommendation";
import { withPermission } from "@/lib/server/http/with-permission";

function decide(actor: UserActor, id: string, request: TDecisionRequest) {
  switch (request.decision) {
    case "approve":
      return approveRecommendation(db, actor, id, request);
    case "modify":
      return modifyRecommendation(db, actor, id, request);
    case "reject":
      return rejectRecommendation(db, actor, id, request);
  }
}

/**
 * Approve, modify or reject one recommendation at `expectedVersion`. 409 when someone decided it
 * first (the message names them); modify and reject rights are checked in the domain functions.
 */
export const POST = withPermission(
  "decisions.approve",
  { params: ZRecommendationParams, body: ZDecisionRequest },
  async ({ params, body, user, origin }) => {
    const r = await decide(userActor(user, origin), params.id, body);
    return Response.json({
      recommendation: { id: r.id, status: r.status, version: r.version, tier: r.tier, quantity: r.quantity, value: r.value },
    });
  },
);
