import "server-only";
import type { DbTransaction } from "../db";
import { withRoutingDetails } from "./approval-routing";
import { ZActionType } from "./approval-policy.types";
import { dataAgeDays } from "./data-age";
import { writeDecisions, type DecisionWrite } from "./decision-transaction";
import { getActivePolicy } from "./get-active-policy";
import { SYSTEM_ACTOR, type GovernanceActor, type SystemActor } from "./governance-actor";
import { routeToTier } from "./route-to-tier";

export interface RoutingSummary {
  autoApproved: number;
  pending: number;
}

/**
 * Sends proposed recommendations to the tier they need under the active policy: auto-approved
 * when every guard passes, otherwise pending at a human tier with the reasons on the item.
 * Called by a plan run inside its own transaction (system actor), or by a person proposing an
 * action, who then may not give its final approval and whose proposal is never auto-approved.
 */
export async function routeRecommendations(
  tx: DbTransaction,
  recommendationIds: readonly string[],
  actor: GovernanceActor | SystemActor = SYSTEM_ACTOR,
  now = new Date(),
): Promise<RoutingSummary> {
  const policy = await getActivePolicy(tx);
  const proposed = await tx.recommendation.findMany({
    where: { id: { in: [...recommendationIds] }, status: "proposed" },
    include: { exception: { select: { confidence: true } }, planRun: { select: { asOf: true } } },
    orderBy: { id: "asc" },
  });
  const summary: RoutingSummary = { autoApproved: 0, pending: 0 };
  const writes: DecisionWrite[] = proposed.map(({ exception, planRun, ...recommendation }) => {
    const routing = routeToTier(
      {
        actionType: ZActionType.parse(recommendation.actionType),
        value: recommendation.value,
        confidence: exception.confidence,
        dataAgeDays: dataAgeDays(planRun.asOf, now),
        changedByPerson: actor.id !== null,
      },
      policy.rules,
    );
    const auto = routing.tier === "auto";
    summary[auto ? "autoApproved" : "pending"]++;
    return {
      recommendation,
      kind: auto ? "auto_approve" : "route",
      toStatus: auto ? "auto_approved" : "pending",
      actor,
      auditAction: auto ? "decision.auto_approved" : "decision.routed",
      changes: {
        tier: routing.tier,
        policyVersion: policy.version,
        details: withRoutingDetails(recommendation.details, routing, policy.version),
        ...(auto ? { decidedAt: now } : {}),
      },
      policyVersion: policy.version,
      auditDetails: { routingReasons: routing.reasons },
    };
  });
  await writeDecisions(tx, writes);
  return summary;
}
