import "server-only";
import type { Recommendation } from "@prisma/client";
import type { Db } from "../db";
import { forbidden } from "../app-error";
import { decisionRefusal } from "./decision-rights";
import { assertTransition } from "./decision-states";
import { expireRecommendations } from "./expire-recommendations";
import { loadForDecision, runDecisionTransaction, writeDecision } from "./decision-transaction";
import { settleDecidedException } from "./settle-decided-exception";
import { ZRejectRequest, type TRejectRequest } from "../../contracts/governance";
import type { UserActor } from "../actor";

/**
 * Rejects a pending action with a reason code (required: rejections are counted by reason). Rejecting
 * the exception's last open action settles the exception in the same transaction.
 */
export async function rejectRecommendation(
  db: Db,
  actor: UserActor,
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
    const rejected = await writeDecision(tx, {
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
    await settleDecidedException(tx, actor, recommendation.exceptionId, "reject");
    return rejected;
  });
}
