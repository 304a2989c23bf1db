import { type DemandDistribution, expectedShortfall } from "../policy/demand-distribution";

export interface StockEconomics {
  demand: DemandDistribution;
  /** Margin earned per unit sold. */
  unitMargin: number;
  /** Cost per unit left unsold at the end of the horizon: holding plus expected markdown loss. */
  unitLeftoverCost: number;
}

export interface StockHolding extends StockEconomics {
  /** Units on hand that may be moved or kept. */
  stock: number;
}

/**
 * Expected value of holding `stock` units at a node over the horizon:
 * margin × E[min(D, s)] − leftover cost × E[(s − D)⁺]. Concave in s, and 0 at s = 0, which makes
 * marginal-value greedy exact and lets an LP represent it with decreasing-slope segments.
 */
export function stockValue(economics: StockEconomics, stock: number): number {
  const { demand, unitMargin, unitLeftoverCost } = economics;
  const shortfall = expectedShortfall(demand, stock);
  const expectedSales = demand.mean - shortfall;
  const expectedLeftover = stock - expectedSales;
  return unitMargin * expectedSales - unitLeftoverCost * expectedLeftover;
}
