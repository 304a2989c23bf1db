import { z } from "zod";
import { DECISION_KINDS, RECOMMENDATION_STATUSES, ZApprovalTier } from "./governance";

/** Comma-separated list in a query string: "a,b" → ["a", "b"]. */
const csv = <const V extends readonly [string, ...string[]]>(values: V) =>
  z
    .string()
    .transform((text) => text.split(",").map((v) => v.trim()).filter(Boolean))
    .pipe(z.array(z.enum(values)).min(1));

const ZCursor = z.string().max(200).meta({ description: "Opaque cursor from the previous page's nextCursor." });
const ZLimit = z.coerce.number().int().min(1).max(500).default(100);
const ZSince = z.iso.datetime({ offset: true }).meta({ description: "Only rows created at or after this time (ISO 8601)." });


export const ZRecommendationListQuery = z.object({
  status: csv(RECOMMENDATION_STATUSES).optional().meta({ description: "Comma-separated statuses, e.g. approved,exported." }),
  tier: ZApprovalTier.optional(),
  exceptionId: z.string().max(64).optional(),
  since: ZSince.optional(),
  cursor: ZCursor.optional(),
  limit: ZLimit,
});
export type TRecommendationListQuery = z.infer<typeof ZRecommendationListQuery>;

export const ZRecommendationItem = z
  .object({
    id: z.string(),
    exceptionId: z.string(),
    planRunId: z.string(),
    rank: z.number().int(),
    actionType: z.string(),
    quantity: z.number(),
    proposedQuantity: z.number(),
    sourceLocationId: z.number().int().nullable(),
    destLocationId: z.number().int().nullable(),
    poNumber: z.string().nullable(),
    cost: z.number(),
    benefit: z.number(),
    value: z.number(),
    status: z.string(),
    tier: z.string(),
    exportId: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .meta({ id: "Recommendation" });
export type TRecommendationItem = z.infer<typeof ZRecommendationItem>;

export const ZRecommendationPage = z.object({ items: z.array(ZRecommendationItem), nextCursor: z.string().nullable() }).meta({ id: "RecommendationPage" });
export type TRecommendationPage = z.infer<typeof ZRecommendationPage>;

export const ZDecisionListQuery = z.object({
  kind: csv(DECISION_KINDS).optional().meta({ description: "Comma-separated decision kinds." }),
  recommendationId: z.string().max(64).optional(),
  since: ZSince.optional(),
  cursor: ZCursor.optional(),
  limit: ZLimit,
});
export type TDecisionListQuery = z.infer<typeof ZDecisionListQuery>;

export const ZDecisionItem = z
  .object({
    id: z.string(),
    recommendationId: z.string(),
    actorId: z.string().nullable(),
    actorRole: z.string(),
    kind: z.string(),
    fromStatus: z.string(),
    toStatus: z.string(),
    quantityBefore: z.number().nullable(),
    quantityAfter: z.number().nullable(),
    reasonCode: z.string().nullable(),
    comment: z.string().nullable(),
    policyVersion: z.number().int().nullable(),
    createdAt: z.string(),
  })
  .meta({ id: "Decision" });
export type TDecisionItem = z.infer<typeof ZDecisionItem>;

export const ZDecisionPage = z.object({ items: z.array(ZDecisionItem), nextCursor: z.string().nullable() }).meta({ id: "DecisionPage" });
export type TDecisionPage = z.infer<typeof ZDecisionPage>;
