/** The report fields the targets read; the stored report has more. */
export interface TargetInput {
  policies: Partial<Record<string, { inStockPct: number; avgInventoryValue: number; totalCost: number }>>;
  exceptions: { precision: Partial<Record<string, number | null>>; recall: number | null; churn: number | null; perPlannerDay: number };
}

/** Projected-stockout precision the issue asks for; the simulator also reads the recall bound at it. */
export const STOCKOUT_PRECISION_TARGET = 0.7;

export interface DecisionQualityTarget {
  id: "in-stock" | "inventory" | "total-cost" | "planner-load" | "stockout-precision" | "recall" | "churn";
  label: string;
  /** The target in words, e.g. "≥ +3 points vs min-max". */
  target: string;
  unit: "points" | "percent" | "money" | "count" | "share";
  value: number | null;
  /** null when the run did not measure it (e.g. min-max not simulated). */
  met: boolean | null;
}

/**
 * The decision-quality targets of the simulation issue, judged on one report: following Stockpilot
 * against static min-max (in-stock ≥ +3 points, average inventory ≤ −15 %, no higher total cost),
 * ≤ 30 recommendations needing a person per planner per day, projected-stockout precision ≥ 0.70,
 * recall ≥ 0.80 and churn ≤ 0.05.
 */
export function assessDecisionQualityTargets(report: TargetInput): DecisionQualityTarget[] {
  const stockpilot = report.policies.stockpilot;
  const minmax = report.policies.minmax;
  const both = stockpilot && minmax ? { stockpilot, minmax } : undefined;
  const judge = (value: number | null | undefined, pass: (value: number) => boolean) => ({
    value: value ?? null,
    met: value === null || value === undefined ? null : pass(value),
  });
  const inventoryChange = both && both.minmax.avgInventoryValue > 0 ? (100 * (both.stockpilot.avgInventoryValue - both.minmax.avgInventoryValue)) / both.minmax.avgInventoryValue : null;
  const { exceptions } = report;
  return [
    { id: "in-stock", label: "In-stock vs min-max", target: "≥ +3 points", unit: "points", ...judge(both ? both.stockpilot.inStockPct - both.minmax.inStockPct : null, (v) => v >= 3) },
    { id: "inventory", label: "Average inventory vs min-max", target: "≤ −15 %", unit: "percent", ...judge(inventoryChange, (v) => v <= -15) },
    { id: "total-cost", label: "Total cost vs min-max", target: "no higher", unit: "money", ...judge(both ? both.stockpilot.totalCost - both.minmax.totalCost : null, (v) => v <= 0) },
    { id: "planner-load", label: "Recommendations needing a person per planner-day", target: "≤ 30", unit: "count", ...judge(stockpilot ? exceptions.perPlannerDay : null, (v) => v <= 30) },
    { id: "stockout-precision", label: "Projected-stockout precision", target: "≥ 0.70", unit: "share", ...judge(exceptions.precision.projected_stockout, (v) => v >= STOCKOUT_PRECISION_TARGET) },
    { id: "recall", label: "Stock-outs flagged a lead time ahead (recall)", target: "≥ 0.80", unit: "share", ...judge(exceptions.recall, (v) => v >= 0.8) },
    { id: "churn", label: "Recommendation churn", target: "≤ 0.05", unit: "share", ...judge(exceptions.churn, (v) => v <= 0.05) },
  ];
}
