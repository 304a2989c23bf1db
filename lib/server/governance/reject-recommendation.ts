import "server-only";
import type { Recommendation } from "@prisma/client";
import type { Db } from "../db";
import { forbidden } from "../http/app-error";
import { decisionRefusal } from "./decision-rights";
import { assertTransition } from "./decision-states";
import { expireRecommendations } from "./expire-recommendations";
import { loadForDecision, runDecisionTransaction, writeDecision } from "./decision-transaction";
import { ZRejectRequest, type TRejectRequest } from "./decisions.types";
import type { GovernanceActor } from "./governance-actor";

/** Rejects a pending action with a reason code (required: rejections are counted by reason). */
export async function rejectRecommendation(
  db: Db,
  actor: GovernanceActor,
  recommendationId: string,
  input: TRejectRequest,
): Promise<Recommendation> {
  const { expectedVersion, reasonCode, comment } = ZRejectRequest.parse(input);
  // Past its window it expires now (its own audited change), and the decision below meets a 409.
  await expireRecommendations(db, new Date(), [recommendationId]);
  return runDecisionTransaction(db, async (tx) => {
    const { recommendation, target } = await loadForDecision(tx, recommendationId, expectedVersion, actor);
    assertTransition(recommendation.status, "reject");
    const refusal = decisionRefusal(actor, "reject", target);
    if (refusal) throw forbidden(refusal);
    return writeDecision(tx, {
      recommendation,
      kind: "reject",
      toStatus: "rejected",
      actor,
      auditAction: "decision.rejected",
      changes: { decidedById: actor.id, decidedAt: new Date(), reasonCode },
      policyVersion: recommendation.policyVersion,
      reasonCode,
      comment,
    });
  });
}
