import { type DemandDistribution, demandQuantile, expectedShortfall } from "./demand-distribution";

export interface NewsvendorInput {
  /** Cost of one unit left over at the end of the period (overage). */
  holdingCost: number;
  /** Cost of one unit of demand not served (underage): lost margin plus goodwill. */
  stockoutCost: number;
  demand: DemandDistribution;
}

export type NewsvendorResult =
  | {
      status: "ok";
      /** stockoutCost / (stockoutCost + holdingCost). */
      criticalRatio: number;
      orderUpTo: number;
      expectedShortfallUnits: number;
      expectedLeftoverUnits: number;
      expectedCost: number;
    }
  | { status: "invalid-costs" };

/** Single-period optimal stock: the critical-ratio quantile of demand and its expected cost. */
export function solveNewsvendor(input: NewsvendorInput): NewsvendorResult {
  const { holdingCost, stockoutCost, demand } = input;
  if (!(holdingCost > 0) || !(stockoutCost > 0)) return { status: "invalid-costs" };
  const criticalRatio = stockoutCost / (stockoutCost + holdingCost);
  const orderUpTo = demandQuantile(demand, criticalRatio);
  const expectedShortfallUnits = expectedShortfall(demand, orderUpTo);
  const expectedLeftoverUnits = orderUpTo - demand.mean + expectedShortfallUnits;
  return {
    status: "ok",
    criticalRatio,
    orderUpTo,
    expectedShortfallUnits,
    expectedLeftoverUnits,
    expectedCost: holdingCost * expectedLeftoverUnits + stockoutCost * expectedShortfallUnits,
  };
}
