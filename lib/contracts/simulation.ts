import { z } from "zod";
import type { DecisionQualityTarget } from "../engine/simulation/decision-quality-targets";

const ZPolicyFigures = z.object({
  inStockPct: z.number(),
  fillRate: z.number(),
  lostSalesValue: z.number(),
  avgInventoryValue: z.number(),
  totalCost: z.number(),
  decisionsPerPlannerDay: z.number(),
});

/** The parts of a stored simulation report the dashboard reads (the report holds more). */
export const ZStoredDecisionQuality = z.object({
  seed: z.number().int(),
  days: z.number().int().positive(),
  size: z.string(),
  policies: z.record(z.string(), ZPolicyFigures),
  exceptions: z.object({
    precision: z.record(z.string(), z.number().nullable()),
    recall: z.number().nullable(),
    churn: z.number().nullable(),
    perPlannerDay: z.number(),
  }),
});
export type TStoredDecisionQuality = z.infer<typeof ZStoredDecisionQuality>;

/** The dashboard's "Decision quality": the latest simulation and how it stands against the targets. */
export interface TDecisionQuality {
  ranAt: string;
  report: TStoredDecisionQuality;
  targets: DecisionQualityTarget[];
}
