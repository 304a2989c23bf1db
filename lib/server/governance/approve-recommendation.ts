import "server-only";
import type { Recommendation } from "@prisma/client";
import type { Db } from "../db";
import { forbidden } from "../app-error";
import { decisionRefusal } from "./decision-rights";
import { assertTransition } from "./decision-states";
import { expireRecommendations } from "./expire-recommendations";
import { loadForDecision, runDecisionTransaction, writeDecision } from "./decision-transaction";
import { settleDecidedException } from "./settle-decided-exception";
import { applyApprovedForecastChanges } from "./apply-approved-forecast-changes";
import { ZApproveRequest, type TApproveRequest } from "../../contracts/governance";
import type { UserActor } from "../actor";

/**
 * Final approval of a pending action. The actor needs the tier's rights, the action type, the
 * exception in scope, and must not have proposed or modified it. Judged under the policy version
 * that routed it; exactly one of several concurrent approvers wins, the others get a conflict.
 * Approving settles the exception in the same transaction (settle-decided-exception.ts), and an
 * approved forecast change becomes a forecast override of its series there too
 * (apply-approved-forecast-changes.ts).
 */
export async function approveRecommendation(
  db: Db,
  actor: UserActor,
  recommendationId: string,
  input: TApproveRequest,
): Promise<Recommendation> {
  const { expectedVersion, comment } = ZApproveRequest.parse(input);
  // Past its window it expires now (its own audited change), and the decision below meets a 409.
  await expireRecommendations(db, new Date(), [recommendationId]);
  return runDecisionTransaction(db, async (tx) => {
    const { recommendation, target } = await loadForDecision(tx, recommendationId, expectedVersion, actor);
    assertTransition(recommendation.status, "approve");
    const refusal = decisionRefusal(actor, "approve", target);
    if (refusal) throw forbidden(refusal);
    const approved = await writeDecision(tx, {
      recommendation,
      kind: "approve",
      toStatus: "approved",
      actor,
      auditAction: "decision.approved",
      changes: { decidedById: actor.id, decidedAt: new Date() },
      policyVersion: recommendation.policyVersion,
      comment,
    });
    await applyApprovedForecastChanges(tx, [approved], actor);
    await settleDecidedException(tx, actor, recommendation.exceptionId, "approve");
    return approved;
  });
}
