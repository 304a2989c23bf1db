import type { CalibrationRow } from "./exception-quality";
import type { PolicyFigures, SimulationResult } from "./run-simulation";

/** Rounded so the report reads well and two runs compare byte for byte. */
const round = (value: number, digits: number) => {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
};
const money = (value: number) => round(value, 2);
const share = (value: number | null | undefined) => (value === null || value === undefined ? null : round(value, 4));

export interface DecisionQualityReport {
  seed: number;
  days: number;
  size: string;
  planners: number;
  plannerCapacity: number;
  policies: Record<string, Omit<PolicyFigures, "costs"> & { costs: PolicyFigures["costs"] }>;
  exceptions: {
    precision: Record<string, number | null>;
    recall: number | null;
    /** Recall weighted by the margin each episode lost (see ExceptionQuality.marginWeightedRecall). */
    marginWeightedRecall: number | null;
    stockoutEpisodeLostMargin: number;
    churn: number | null;
    engineChurn: number | null;
    churnByType: Record<string, number>;
    perPlannerDay: number;
    queuePerPlannerDayByType: Record<string, number>;
    newPerPlannerDay: number;
    belowValueBarPerPlannerDay: number;
    checked: Record<string, number>;
    stockoutEpisodes: number;
    /** Stock-out episodes by cause (see ExceptionQuality.stockoutEpisodeCauses). */
    stockoutEpisodeCauses: Record<string, number>;
    stockoutTradeOff: { threshold: number; claims: number; precision: number | null; recall: number | null }[];
    /** Claims on the true chance of an empty shelf: the bound a projection can reach (see ExceptionQuality.stockoutTrueChanceFrontier). */
    stockoutTrueChanceFrontier: { threshold: number; claims: number; precision: number | null; recall: number | null; marginWeightedRecall: number | null }[];
    consecutivePairs: number;
    perDayByType: Record<string, number>;
    moneyAtRisk: Record<string, { stated: number; lossThatFollowed: number }>;
    /** Stated confidence bucket → share of claims the hidden truth bore out (see ExceptionQuality.calibration). */
    calibration: CalibrationRow[];
  };
  /** Plans run per policy. */
  plans: Record<string, number>;
}

/** The `--json` shape of the issue (seed, days, size, policies, exceptions) plus the supporting figures. */
export function toDecisionQualityReport(result: SimulationResult, run: { seed: number; size: string; plannerCapacity: number }): DecisionQualityReport {
  const policies: DecisionQualityReport["policies"] = {};
  for (const [name, figures] of Object.entries(result.policies)) {
    policies[name] = {
      inStockPct: round(figures.inStockPct, 2),
      fillRate: round(figures.fillRate, 4),
      lostSalesUnits: figures.lostSalesUnits,
      lostSalesValue: money(figures.lostSalesValue),
      avgInventoryValue: money(figures.avgInventoryValue),
      avgDcInventoryValue: money(figures.avgDcInventoryValue),
      totalCost: money(figures.totalCost),
      decisionsPerPlannerDay: round(figures.decisionsPerPlannerDay, 2),
      costs: Object.fromEntries(Object.entries(figures.costs).map(([key, value]) => [key, money(value)])) as PolicyFigures["costs"],
      turns: round(figures.turns, 2),
      autoDecisionsPerDay: round(figures.autoDecisionsPerDay, 2),
      demandUnits: figures.demandUnits,
      salesUnits: figures.salesUnits,
      shrinkUnits: figures.shrinkUnits,
      orderLines: figures.orderLines,
      transferredUnits: figures.transferredUnits,
      markdownUnits: figures.markdownUnits,
    };
  }
  const quality = result.exceptions;
  return {
    seed: run.seed,
    days: result.days,
    size: run.size,
    planners: result.planners,
    plannerCapacity: run.plannerCapacity,
    policies,
    exceptions: {
      precision: Object.fromEntries(Object.entries(quality.precision ?? {}).map(([type, value]) => [type, share(value)])),
      recall: share(quality.recall),
      marginWeightedRecall: share(quality.marginWeightedRecall),
      stockoutEpisodeLostMargin: money(quality.stockoutEpisodeLostMargin ?? 0),
      churn: share(quality.churn),
      engineChurn: share(quality.engineChurn),
      churnByType: Object.fromEntries(Object.entries(quality.churnByType ?? {}).map(([type, value]) => [type, round(value, 4)])),
      perPlannerDay: round(quality.perPlannerDay ?? 0, 2),
      queuePerPlannerDayByType: Object.fromEntries(Object.entries(quality.queuePerPlannerDayByType ?? {}).map(([type, value]) => [type, round(value, 2)])),
      newPerPlannerDay: round(quality.newPerPlannerDay ?? 0, 2),
      belowValueBarPerPlannerDay: round(quality.belowValueBarPerPlannerDay ?? 0, 2),
      checked: quality.checked ?? {},
      stockoutEpisodes: quality.stockoutEpisodes ?? 0,
      stockoutEpisodeCauses: quality.stockoutEpisodeCauses ?? {},
      stockoutTradeOff: (quality.stockoutTradeOff ?? []).map((row) => ({ ...row, precision: share(row.precision), recall: share(row.recall) })),
      stockoutTrueChanceFrontier: (quality.stockoutTrueChanceFrontier ?? []).map((row) => ({
        ...row,
        precision: share(row.precision),
        recall: share(row.recall),
        marginWeightedRecall: share(row.marginWeightedRecall),
      })),
      consecutivePairs: quality.consecutivePairs ?? 0,
      perDayByType: Object.fromEntries(Object.entries(quality.perDayByType ?? {}).map(([type, value]) => [type, round(value, 2)])),
      moneyAtRisk: Object.fromEntries(
        Object.entries(quality.moneyAtRisk ?? {}).map(([type, figures]) => [type, { stated: money(figures.stated), lossThatFollowed: money(figures.lossThatFollowed) }]),
      ),
      calibration: (quality.calibration ?? []).map((row) => ({ ...row, meanConfidence: round(row.meanConfidence, 4), hitRate: round(row.hitRate, 4) })),
    },
    // Wall-clock plan times differ between runs, so only the counts are in the (deterministic) report.
    plans: Object.fromEntries(Object.entries(result.plans).map(([name, plans]) => [name, plans.count])),
  };
}
