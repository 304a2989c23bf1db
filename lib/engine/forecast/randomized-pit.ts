import type { DemandClass } from "../types";
import { nominalLevelOf, type QuantileCalibration } from "./calibrate-quantile-levels";
import { countCdf } from "./count-cdf";

/**
 * The forecast's predictive CDF at `x`: the negative binomial (or normal, for fractional units) that
 * countQuantile inverts, read through the class's level recalibration. Quantile level τ is served as
 * the distribution's g(τ)-quantile, g running piecewise linearly through (0, 0), (τᵢ, g(τᵢ)), (1, 1);
 * so G(x) = g⁻¹(F(x)) is the CDF whose τ-quantiles are exactly the published ones.
 */
export function calibratedCdf(x: number, mean: number, nbSize: number, integerValued: boolean, calibration: QuantileCalibration | undefined, demandClass: DemandClass): number {
  const probability = countCdf(x, mean, nbSize, integerValued);
  const served = calibration?.byClass[demandClass];
  return calibration && served ? nominalLevelOf(probability, calibration.levels, served) : probability;
}

/**
 * P(U ≤ τ) for the randomized PIT of one observation, U = G(y − 1) + V·(G(y) − G(y − 1)) with V uniform
 * (Czado, Gneiting & Held 2009): the PIT for count data, uniform when the forecast is calibrated, where
 * a zero-heavy forecast's p10 of 0 makes the plain share "below p10" impossible. Averaged over
 * observations this is the non-randomized PIT CDF of that paper (no random draws, same expectation).
 * For fractional units the PIT is G(y) itself.
 */
export function pitBelow(level: number, actual: number, mean: number, nbSize: number, integerValued: boolean, calibration: QuantileCalibration | undefined, demandClass: DemandClass): number {
  const upper = calibratedCdf(actual, mean, nbSize, integerValued, calibration, demandClass);
  if (!integerValued) return upper <= level ? 1 : 0;
  const lower = calibratedCdf(actual - 1, mean, nbSize, true, calibration, demandClass);
  if (level <= lower) return 0;
  if (level >= upper) return 1;
  return (level - lower) / (upper - lower);
}
