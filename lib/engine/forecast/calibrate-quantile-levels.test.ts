import { describe, expect, it } from "vitest";
import { seededRandom } from "../seeded-random";
import { calibratedLevel, calibrateQuantileLevels, type CalibrationEvidence } from "./calibrate-quantile-levels";
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

  it("makes the share of actuals above p90 and below p10 about 10 % when the forecast distribution is too wide", () => {
    const { actuals, evidence } = evidenceOf(means, 5, 0.8, 1);
    const calibration = calibrateQuantileLevels([evidence], LEVELS);
    const p10 = calibratedLevel(calibration, "intermittent", 0.1);
    const p90 = calibratedLevel(calibration, "intermittent", 0.9);
    expect(p90).toBeLessThan(0.9);
    expect(calibratedLevel(calibration, "intermittent", 0.5)).toBe(0.5);
    // Fresh draws from the same process: the calibrated levels hold out of sample.
    const fresh = evidenceOf(means, 5, 0.8, 2).actuals;
    let above = 0, below = 0, nominalAbove = 0;
    fresh.forEach((y, i) => {
      if (y > countQuantile(p90, means[i]!, 0.8, true)) above++;
      if (y < countQuantile(p10, means[i]!, 0.8, true)) below++;
      if (y > countQuantile(0.9, means[i]!, 0.8, true)) nominalAbove++;
    });
    expect(above / fresh.length).toBeGreaterThan(0.085);
    expect(above / fresh.length).toBeLessThan(0.115);
    expect(below / fresh.length).toBeGreaterThan(0.085);
    expect(below / fresh.length).toBeLessThan(0.115);
    expect(nominalAbove / fresh.length).toBeLessThan(0.07);
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
