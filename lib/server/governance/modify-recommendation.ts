import "server-only";
import type { Recommendation } from "@prisma/client";
import type { Db } from "../db";
import { AppError, forbidden } from "../http/app-error";
import { withRoutingDetails } from "./approval-routing";
import { dataAgeDays } from "./data-age";
import { decisionRefusal } from "./decision-rights";
import { assertTransition } from "./decision-states";
import { loadForDecision, runDecisionTransaction, writeDecision } from "./decision-transaction";
import { ZModifyRequest, type TModifyRequest } from "./decisions.types";
import { getActivePolicy } from "./get-active-policy";
import type { GovernanceActor } from "./governance-actor";
import { routeToTier } from "./route-to-tier";

const roundToCents = (amount: number) => Math.round(amount * 100) / 100;

/**
 * Changes a pending action's quantity. Value, cost and benefit are re-priced linearly (the next
 * plan run prices the new quantity properly), and the action is re-routed under the active
 * policy to the tier the new value needs — never "auto", since a person changed it. The modifier
 * is barred from giving the final approval.
 */
export async function modifyRecommendation(
  db: Db,
  actor: GovernanceActor,
  recommendationId: string,
  input: TModifyRequest,
): Promise<Recommendation> {
  const { expectedVersion, quantity, reasonCode, comment } = ZModifyRequest.parse(input);
  return runDecisionTransaction(db, async (tx) => {
    const { recommendation, exception, target } = await loadForDecision(tx, recommendationId, expectedVersion);
    assertTransition(recommendation.status, "modify");
    const refusal = decisionRefusal(actor, "modify", target);
    if (refusal) throw forbidden(refusal);
    if (recommendation.quantity <= 0) {
      throw new AppError("VALIDATION_FAILED", "This action has no quantity to change.");
    }
    if (quantity === recommendation.quantity) {
      throw new AppError("VALIDATION_FAILED", "The quantity is unchanged.", {
        fieldErrors: { quantity: ["enter a different quantity, or approve the action as it is"] },
      });
    }
    const policy = await getActivePolicy(tx);
    const planRun = await tx.planRun.findUniqueOrThrow({ where: { id: recommendation.planRunId }, select: { asOf: true } });
    const scale = quantity / recommendation.quantity;
    const value = roundToCents(recommendation.value * scale);
    const routing = routeToTier(
      {
        actionType: target.actionType,
        value,
        confidence: exception.confidence,
        dataAgeDays: dataAgeDays(planRun.asOf, new Date()),
        changedByPerson: true,
      },
      policy.rules,
    );
    return writeDecision(tx, {
      recommendation,
      kind: "modify",
      toStatus: "pending",
      actor,
      auditAction: "decision.modified",
      changes: {
        quantity,
        value,
        cost: roundToCents(recommendation.cost * scale),
        benefit: roundToCents(recommendation.benefit * scale),
        tier: routing.tier,
        policyVersion: policy.version,
        details: withRoutingDetails(recommendation.details, routing, policy.version),
        modifiedById: actor.id,
        reasonCode,
      },
      policyVersion: policy.version,
      reasonCode,
      comment,
      auditDetails: { routingReasons: routing.reasons },
    });
  });
}
