import { describe, expect, it } from "vitest";
import { seededRandom } from "../seeded-random";
import { calibratedLevel, calibrateQuantileLevels, type CalibrationEvidence, type QuantileCalibration } from "./calibrate-quantile-levels";
import { pitBelow } from "./randomized-pit";
import { countCdf } from "./count-cdf";
import { countQuantile } from "./count-quantile";
import { sampleNegativeBinomial } from "./sample-demand";

const LEVELS = [0.1, 0.5, 0.9];

/** Backtest points of one class: actuals drawn from NB(mean, trueSize), PITs under the forecast's NB(mean, forecastSize). */
function evidenceOf(means: number[], trueSize: number, forecastSize: number, seed: number) {
  const random = seededRandom(seed);
  const actuals = means.map((mean) => sampleNegativeBinomial(random, mean, trueSize));
  const evidence: CalibrationEvidence = {
    demandClass: "intermittent",
    belowActual: Float64Array.from(actuals.map((y, i) => countCdf(y - 1, means[i]!, forecastSize, true))),
    atActual: Float64Array.from(actuals.map((y, i) => countCdf(y, means[i]!, forecastSize, true))),
  };
  return { actuals, evidence };
}

describe("calibrateQuantileLevels", () => {
  const random = seededRandom(11);
  const means = Array.from({ length: 20000 }, () => 0.05 + 1.5 * random());

  it("makes the randomized PIT uniform at the tail levels when the forecast distribution is too wide", () => {
    const { actuals, evidence } = evidenceOf(means, 5, 0.8, 1);
    const calibration = calibrateQuantileLevels([evidence], LEVELS);
    expect(calibratedLevel(calibration, "intermittent", 0.9)).toBeLessThan(0.9);
    expect(calibratedLevel(calibration, "intermittent", 0.1)).toBeGreaterThan(0.1);
    expect(calibratedLevel(calibration, "intermittent", 0.5)).toBe(0.5);
    // Fresh draws from the same process: the calibrated levels hold out of sample.
    const fresh = evidenceOf(means, 5, 0.8, 2).actuals;
    const pitShare = (level: number, served: QuantileCalibration | undefined) =>
      fresh.reduce((sum, y, i) => sum + pitBelow(level, y, means[i]!, 0.8, true, served, "intermittent"), 0) / fresh.length;
    expect(pitShare(0.1, calibration)).toBeCloseTo(0.1, 1);
    expect(1 - pitShare(0.9, calibration)).toBeCloseTo(0.1, 1);
    expect(Math.abs(1 - pitShare(0.9, calibration) - 0.1)).toBeLessThan(0.015);
    expect(Math.abs(pitShare(0.1, calibration) - 0.1)).toBeLessThan(0.015);
    // The uncalibrated, too-wide distribution puts too few PIT values in the upper tail.
    expect(1 - pitShare(0.9, undefined)).toBeLessThan(0.08);
    // Counts: P(y > p90) can only be at most 10 %, and p10 is 0 wherever P(0) ≥ 10 % (no actual below it).
    const p90 = calibratedLevel(calibration, "intermittent", 0.9);
    const p10 = calibratedLevel(calibration, "intermittent", 0.1);
    let above = 0, below = 0;
    fresh.forEach((y, i) => {
      if (y > countQuantile(p90, means[i]!, 0.8, true)) above++;
      if (y < countQuantile(p10, means[i]!, 0.8, true)) below++;
    });
    expect(above / fresh.length).toBeLessThan(0.105);
    expect(above / fresh.length).toBeGreaterThan(0.05);
    expect(below / fresh.length).toBeLessThan(0.02);
    expect(actuals.length).toBe(means.length);
  });

  it("leaves a class without evidence at the nominal levels and keeps levels ordered", () => {
    const { evidence } = evidenceOf(means.slice(0, 50), 1, 1, 3);
    const calibration = calibrateQuantileLevels([evidence], [0.05, 0.1, 0.5, 0.9, 0.95]);
    expect(calibratedLevel(calibration, "smooth", 0.9)).toBe(0.9);
    const levels = calibration.byClass.intermittent!;
    for (let i = 1; i < levels.length; i++) expect(levels[i]).toBeGreaterThanOrEqual(levels[i - 1]!);
    // 50 series-days against a 500-point prior: most of the way back to nominal.
    expect(Math.abs(levels[3]! - 0.9)).toBeLessThan(0.1);
  });
});
