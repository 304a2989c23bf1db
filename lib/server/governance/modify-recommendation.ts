import "server-only";
import type { Recommendation } from "@prisma/client";
import type { Db } from "../db";
import { AppError } from "../app-error";
import { withRoutingDetails } from "./approval-routing";
import { expireRecommendations } from "./expire-recommendations";
import { loadForDecision, runDecisionTransaction, writeDecision } from "./decision-transaction";
import { ZModifyRequest, type TModifyRequest } from "../../contracts/governance";
import type { UserActor } from "../actor";
import { repriceRecommendation } from "./reprice-recommendation";

/**
 * Changes a pending action's quantity. The engine re-prices cost, benefit and value at the new
 * quantity on the economics the plan priced it with (benefits are concave: twice the units rarely
 * earn twice the benefit), and the action is re-routed under the active policy to the tier the new
 * value needs — never "auto", since a person changed it. The modifier is barred from giving the
 * final approval.
 */
export async function modifyRecommendation(
  db: Db,
  actor: UserActor,
  recommendationId: string,
  input: TModifyRequest,
): Promise<Recommendation> {
  const { expectedVersion, quantity, reasonCode, comment } = ZModifyRequest.parse(input);
  // Past its window it expires now (its own audited change), and the decision below meets a 409.
  await expireRecommendations(db, new Date(), [recommendationId]);
  return runDecisionTransaction(db, async (tx) => {
    const loaded = await loadForDecision(tx, recommendationId, expectedVersion, actor);
    const { recommendation } = loaded;
    if (quantity === recommendation.quantity) {
      throw new AppError("VALIDATION_FAILED", "The quantity is unchanged.", {
        fieldErrors: { quantity: ["enter a different quantity, or approve the action as it is"] },
      });
    }
    const repriced = await repriceRecommendation(tx, actor, loaded, quantity);
    const details = { ...(JSON.parse(recommendation.details) as Record<string, unknown>), netBenefit: repriced.netBenefit };
    return writeDecision(tx, {
      recommendation,
      kind: "modify",
      toStatus: "pending",
      actor,
      auditAction: "decision.modified",
      changes: {
        quantity,
        value: repriced.value,
        cost: repriced.cost,
        benefit: repriced.benefit,
        tier: repriced.routing.tier,
        policyVersion: repriced.policyVersion,
        details: withRoutingDetails(JSON.stringify(details), repriced.routing, repriced.policyVersion),
        modifiedById: actor.id,
        reasonCode,
      },
      policyVersion: repriced.policyVersion,
      reasonCode,
      comment,
      auditDetails: { routingReasons: repriced.routing.reasons },
    });
  });
}
