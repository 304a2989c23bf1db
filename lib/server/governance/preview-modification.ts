import "server-only";
import type { Db } from "../db";
import { notFound } from "../app-error";
import { ZModificationPreviewRequest, type TModificationPreview, type TModificationPreviewRequest } from "./action-pricing.types";
import { loadForDecision } from "./decision-transaction";
import type { UserActor } from "../actor";
import { repriceRecommendation } from "./reprice-recommendation";

/**
 * What modifying a pending action to `quantity` would give — the engine's re-priced figures and
 * the tier they route to — so a person sees it before submitting. Reads only: nothing is written
 * and no audit row is made. The same rights as the modification apply (404 / 403).
 */
export async function previewModification(
  db: Db,
  actor: UserActor,
  recommendationId: string,
  input: TModificationPreviewRequest,
): Promise<TModificationPreview> {
  const { quantity } = ZModificationPreviewRequest.parse(input);
  return db.$transaction(async (tx) => {
    const current = await tx.recommendation.findUnique({ where: { id: recommendationId }, select: { version: true } });
    if (!current) throw notFound("This recommendation");
    const repriced = await repriceRecommendation(tx, actor, await loadForDecision(tx, recommendationId, current.version, actor), quantity);
    return {
      quantity,
      cost: repriced.cost,
      benefit: repriced.benefit,
      netBenefit: repriced.netBenefit,
      value: repriced.value,
      tier: repriced.routing.tier,
      routingReasons: repriced.routing.reasons,
    };
  });
}
