import "server-only";
import { repriceAction } from "../../engine/exceptions/reprice-action";
import type { DbTransaction } from "../db";
import { AppError, forbidden } from "../app-error";
import { ZPricedDetails } from "./action-pricing.types";
import { dataAgeDays } from "./data-age";
import type { LoadedRecommendation } from "./decision-transaction";
import { decisionRefusal } from "./decision-rights";
import { assertTransition } from "./decision-states";
import { getActivePolicy } from "./get-active-policy";
import type { UserActor } from "../actor";
import { routeToTier, type TierRouting } from "./route-to-tier";

const roundToCents = (amount: number) => Math.round(amount * 100) / 100;

export interface RepricedRecommendation {
  cost: number;
  benefit: number;
  netBenefit: number;
  value: number;
  routing: TierRouting;
  policyVersion: number;
}

/**
 * What a pending action would cost, earn and need for approval at another quantity: the engine
 * re-prices it on the economics the plan run stored with it (repriceAction, the same formulas the
 * detectors priced it with), and the active policy routes the new value — never to "auto", since
 * a person chose the quantity. Shared by the modification and its preview so both say the same.
 */
export async function repriceRecommendation(
  tx: DbTransaction,
  actor: UserActor,
  { recommendation, exception, target }: LoadedRecommendation,
  quantity: number,
): Promise<RepricedRecommendation> {
  assertTransition(recommendation.status, "modify");
  const refusal = decisionRefusal(actor, "modify", target);
  if (refusal) throw forbidden(refusal);
  if (recommendation.quantity <= 0) {
    throw new AppError("VALIDATION_FAILED", "This action has no quantity to change.");
  }
  const details = ZPricedDetails.safeParse(JSON.parse(recommendation.details));
  if (!details.success) {
    throw new AppError("VALIDATION_FAILED", "This action was planned without the figures needed to re-price it; run the plan again to change its quantity.");
  }
  const repriced = repriceAction(details.data.pricing, quantity);
  if (repriced.status === "exceeds-source-stock") {
    throw new AppError("VALIDATION_FAILED", "The source location does not hold that many units.", {
      fieldErrors: { quantity: [`at most ${repriced.maxQuantity} units can be moved from the source`] },
    });
  }
  const { figures } = repriced;
  const value = roundToCents(figures.governanceValue);
  const policy = await getActivePolicy(tx);
  const planRun = await tx.planRun.findUniqueOrThrow({ where: { id: recommendation.planRunId }, select: { asOf: true } });
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
  return {
    cost: roundToCents(figures.cost),
    benefit: roundToCents(figures.expectedBenefit),
    netBenefit: roundToCents(figures.netBenefit),
    value,
    routing,
    policyVersion: policy.version,
  };
}
