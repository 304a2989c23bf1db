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
import { requestSeriesReplan, type PlanSeries } from "../plan-runs/request-plan-run";

/** A final approval, and the replan it queued. */
export interface ApprovalOutcome {
  recommendation: Recommendation;
  /** The replan of the series whose forecast the approval changed (poll GET /api/v1/plan-runs/{id}); null when it changed none. */
  replanRunId: string | null;
}

/**
 * Final approval of a pending action. The actor needs the tier's rights, the action type, the
 * exception in scope, and must not have proposed or modified it. Judged under the policy version
 * that routed it; exactly one of several concurrent approvers wins, the others get a conflict.
 * Approving settles the exception in the same transaction (settle-decided-exception.ts), and an
 * approved forecast change becomes a forecast override of its series there too
 * (apply-approved-forecast-changes.ts); once that commits, the series is replanned like after a
 * planner's override, so what follows from the new forecast shows now.
 */
export async function approveRecommendation(db: Db, actor: UserActor, recommendationId: string, input: TApproveRequest): Promise<ApprovalOutcome> {
  const { recommendation, forecastChanged } = await approveWithoutReplan(db, actor, recommendationId, input);
  const [replan] = await requestSeriesReplan(db, actor, forecastChanged);
  return { recommendation, replanRunId: replan?.id ?? null };
}

/**
 * The approval's transaction alone (approveRecommendation), answering with the series whose
 * forecast it changed, for a caller deciding several items to replan them all at once after the
 * last (batch-approve-recommendations.ts).
 */
export async function approveWithoutReplan(
  db: Db,
  actor: UserActor,
  recommendationId: string,
  input: TApproveRequest,
): Promise<{ recommendation: Recommendation; forecastChanged: PlanSeries[] }> {
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
    const forecastChanged = await applyApprovedForecastChanges(tx, [approved], actor);
    await settleDecidedException(tx, actor, recommendation.exceptionId, "approve");
    return { recommendation: approved, forecastChanged };
  });
}
