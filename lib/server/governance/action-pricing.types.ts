import "server-only";
import { z } from "zod";

/**
 * The engine's ActionPricing as a plan run stores it in Recommendation.details.pricing (JSON text).
 * Parsed, never trusted, because the column is free text to the database.
 */
const ZDemandDistribution = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("normal"), mean: z.number().finite(), sd: z.number().finite() }),
  z.object({ kind: z.literal("poisson"), mean: z.number().finite() }),
  z.object({ kind: z.literal("negative-binomial"), mean: z.number().finite(), size: z.number().finite(), successProbability: z.number().finite() }),
]);

const ZStockHolding = z.object({
  stock: z.number().finite(),
  demand: ZDemandDistribution,
  unitMargin: z.number().finite(),
  unitLeftoverCost: z.number().finite(),
});

export const ZActionPricing = z.discriminatedUnion("model", [
  z.object({
    model: z.literal("stock-transfer"),
    laneUnitCost: z.number().finite(),
    unitCost: z.number().finite(),
    source: ZStockHolding,
    destination: ZStockHolding,
  }),
  z.object({
    model: z.literal("capped-cover"),
    unitActionCost: z.number().finite(),
    unitBenefit: z.number().finite(),
    coverableUnits: z.number().finite(),
    benefitCap: z.number().finite().optional(),
    unitGovernanceValue: z.number().finite(),
    quantityDays: z.number().finite().positive().optional(),
  }),
  z.object({ model: z.literal("fixed"), cost: z.number().finite(), expectedBenefit: z.number().finite(), governanceValue: z.number().finite() }),
]);

/** The part of Recommendation.details that re-pricing reads. */
export const ZPricedDetails = z.object({ pricing: ZActionPricing });

/** Body of POST /api/v1/recommendations/[id]/preview. */
export const ZModificationPreviewRequest = z.object({ quantity: z.number().finite().positive() });
export type TModificationPreviewRequest = z.infer<typeof ZModificationPreviewRequest>;

export interface TModificationPreview {
  quantity: number;
  cost: number;
  benefit: number;
  netBenefit: number;
  value: number;
  tier: string;
  routingReasons: string[];
}
