import type { DayNumber, DemandSeries } from "../types";

/** Whether a recorded on-hand figure can be believed, with the evidence when it cannot. */
export type StockRecordAssessment =
  | { status: "plausible" }
  | { status: "negative"; onHand: number }
  | {
      status: "phantom";
      onHand: number;
      /** Trailing days without a single sale. */
      zeroSalesDays: number;
      /** Mean daily sales over the days before the silent run (up to `phantomBaselineDays`). */
      usualDailySales: number;
      /** Sales the usual rate predicts for the silent run. */
      expectedUnits: number;
      /** Probability of so many silent days in a row with the stock present and demand as usual. */
      runProbability: number;
    };

export interface StockRecordOptions {
  /** Shortest silent run worth testing. */
  phantomMinZeroDays: number;
  /** The run is phantom stock when it is this unlikely by chance. */
  phantomMaxProbability: number;
  /** Days before the silent run that set the usual sales rate. */
  phantomBaselineDays: number;
}

/**
 * Phantom stock is a record that says units are on the shelf while the shelf sells nothing: a run
 * of zero-sales days too long to be chance at the series' usual pattern. A day is silent with the
 * larger of the baseline's share of silent days and the error model's zero probability
 * ((k / (k + μ))^k, Poisson e^(−μ) when k is infinite), both measured before the run so the run
 * itself does not talk the expectation down. The threshold is strict because every series of the
 * network is tested every day: at 1 in 10,000 a network of 10,000 series sees about one false alarm.
 *
 * A cycle count is fresh evidence: the silent run is only counted from the day after the last
 * count (`lastCountDay`), so a count that confirmed the stock clears the flag, and the flag comes
 * back only when the days after the count are silent enough on their own.
 */
export function assessStockRecord(
  history: DemandSeries,
  onHand: number,
  nbSize: number,
  options: StockRecordOptions,
  lastCountDay?: DayNumber,
): StockRecordAssessment {
  if (onHand < 0) return { status: "negative", onHand };
  if (onHand === 0) return { status: "plausible" };
  const units = history.units;
  const lastDay = history.firstDay + units.length - 1;
  const daysSinceCount = lastCountDay === undefined ? units.length : Math.max(0, lastDay - lastCountDay);
  let zeroSalesDays = 0;
  while (zeroSalesDays < Math.min(units.length, daysSinceCount) && units[units.length - 1 - zeroSalesDays] === 0) zeroSalesDays += 1;
  if (zeroSalesDays < options.phantomMinZeroDays) return { status: "plausible" };
  const before = units.subarray(Math.max(0, units.length - zeroSalesDays - options.phantomBaselineDays), units.length - zeroSalesDays);
  if (before.length === 0) return { status: "plausible" };
  const usualDailySales = before.reduce((sum, value) => sum + value, 0) / before.length;
  if (usualDailySales <= 0) return { status: "plausible" };
  // Slow movers sell in lumps, so the share of silent days is read from the baseline itself
  // (Laplace-smoothed), never below what the fitted error model implies.
  const silentBefore = before.reduce((count, value) => count + (value === 0 ? 1 : 0), 0);
  const observedZeroShare = (silentBefore + 1) / (before.length + 2);
  const modelZeroShare = Number.isFinite(nbSize) && nbSize > 0 ? (nbSize / (nbSize + usualDailySales)) ** nbSize : Math.exp(-usualDailySales);
  const runProbability = Math.max(observedZeroShare, modelZeroShare) ** zeroSalesDays;
  if (runProbability > options.phantomMaxProbability) return { status: "plausible" };
  return { status: "phantom", onHand, zeroSalesDays, usualDailySales, expectedUnits: usualDailySales * zeroSalesDays, runProbability };
}

/** True when the plan must not count on the recorded stock: no markdown, no transfer out, no excess. */
export function isStockSuspect(assessment: StockRecordAssessment): boolean {
  return assessment.status !== "plausible";
}
