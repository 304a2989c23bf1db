import { describe, expect, it } from "vitest";
import { runEts } from "./ets-model";
import { fitEts } from "./fit-ets";
import { runAdida } from "./run-adida";
import { runMovingAverage } from "./run-moving-average";
import { runSba } from "./run-sba";
import { runSeasonalNaive } from "./run-seasonal-naive";
import { runTsb } from "./run-tsb";

const f = (values: number[]) => Float64Array.from(values);

describe("golden cases worked by hand", () => {
  it("SES = ETS(A,N,N), α = 0.5, level starts at the mean 5 of [2, 4, 6, 8]", () => {
    // l: 5 → 3.5 → 3.75 → 4.875 → 6.4375; errors −3, 0.5, 2.25, 3.125.
    const out = new Float64Array(2);
    const run = runEts({ error: "A", trend: "N", season: "N" }, f([0.5]), f([2, 4, 6, 8]), 0, 4, 4, Int32Array.of(4), 2, out);
    expect(Array.from(out)).toEqual([6.4375, 6.4375]);
    expect(run.variance).toBeCloseTo((9 + 0.25 + 5.0625 + 9.765625) / 4, 12);
  });
  it("the rolling origins of one ETS run equal separate runs stopped at each origin", () => {
    const y = f([3, 5, 4, 6, 5, 7, 6, 8, 7, 9]);
    const spec = { error: "A", trend: "Ad", season: "N" } as const;
    const params = f([0.3, 0.5, 0.9]);
    const together = new Float64Array(6);
    runEts(spec, params, y, 0, 6, 10, Int32Array.of(6, 8, 10), 2, together);
    for (const [k, origin] of [6, 8, 10].entries()) {
      const alone = new Float64Array(2);
      runEts(spec, params, y, 0, 6, origin, Int32Array.of(origin), 2, alone);
      expect(Array.from(together.subarray(2 * k, 2 * k + 2))).toEqual(Array.from(alone));
    }
  });
  it("SBA (α = 0.1) on [3, 0, 0, 2, 0, 4]: size 3 → 2.9 → 3.01, interval 2 → 1.9 → 2.01 → 2.009", () => {
    const out = new Float64Array(1);
    runSba(f([3, 0, 0, 2, 0, 4]), 0, 6, 6, Int32Array.of(6), 1, out);
    expect(out[0]).toBeCloseTo((0.95 * 3.01) / 2.009, 12);
  });
  it("TSB (α = β = 0.5) on [2, 0, 4]: size 3 → 2.5 → 3.25, probability 0.625 → 0.8125 → 0.40625 → 0.703125", () => {
    const out = new Float64Array(1);
    const mse = runTsb(f([0.5, 0.5]), f([2, 0, 4]), 0, 3, 3, Int32Array.of(3), 1, out);
    expect(out[0]).toBeCloseTo(0.703125 * 3.25, 12);
    // one-step errors 0.125, −2.03125, 2.984375
    expect(mse).toBeCloseTo((0.125 ** 2 + 2.03125 ** 2 + 2.984375 ** 2) / 3, 12);
  });
  it("ADIDA (α = 0.5) on weekly totals 7, 14 from level 10.5: 8.75 → 11.375 per week = 1.625 per day", () => {
    const out = new Float64Array(1);
    runAdida(f([1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2]), 0, 14, 14, Int32Array.of(14), 1, out, 0.5);
    expect(out[0]).toBeCloseTo(1.625, 12);
  });
  it("moving average and seasonal naive", () => {
    const y = f([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    const mean = new Float64Array(1);
    runMovingAverage(y, 0, Int32Array.of(9), 1, mean, 4);
    expect(mean[0]).toBe(7.5);
    const naive = new Float64Array(8);
    runSeasonalNaive(y, 0, Int32Array.of(9), 8, naive);
    expect(Array.from(naive)).toEqual([3, 4, 5, 6, 7, 8, 9, 3]);
  });
});

describe("ETS fitting", () => {
  it("the likelihood-only fast path equals the general recursions for every member it covers", () => {
    const y = new Float64Array(120);
    for (let t = 0; t < y.length; t++) y[t] = 8 + [3, -2, -1, 0, 1, 2, -3][t % 7]! + ((t * 31) % 11) / 5;
    const cases = [
      [{ error: "A", trend: "N", season: "N" }, [0.3]],
      [{ error: "A", trend: "Ad", season: "N" }, [0.3, 0.4, 0.9]],
      [{ error: "A", trend: "N", season: "A" }, [0.3, 0.2]],
      [{ error: "M", trend: "N", season: "M" }, [0.3, 0.2]],
    ] as const;
    for (const [spec, params] of cases) {
      const fast = runEts(spec, Float64Array.from(params), y, 0, 120, 120);
      const general = runEts(spec, Float64Array.from(params), y, 0, 120, 120, Int32Array.of(120), 1, new Float64Array(1));
      expect(fast.minusTwoLogLikelihood).toBeCloseTo(general.minusTwoLogLikelihood, 9);
      expect(fast.variance).toBeCloseTo(general.variance, 9);
    }
  });
  it("AICc prefers a weekly seasonal model on a strongly weekly series", () => {
    const y = new Float64Array(200);
    for (let t = 0; t < y.length; t++) y[t] = 10 + [5, -3, -3, 0, 0, 2, -1][t % 7]! + ((t * 7919) % 13) / 13;
    const seasonal = fitEts({ error: "A", trend: "N", season: "A" }, y, 0, 200);
    const plain = fitEts({ error: "A", trend: "N", season: "N" }, y, 0, 200);
    expect(seasonal.aicc).toBeLessThan(plain.aicc);
  });
  it("multiplicative models refuse a non-positive mean instead of producing NaN", () => {
    const run = runEts({ error: "M", trend: "N", season: "N" }, f([0.5]), f([0, 0, 0, 0]), 0, 4, 4);
    expect(run.minusTwoLogLikelihood).toBe(Infinity);
  });
  it("a warm start from the previous optimum lands on (about) the same parameters", () => {
    const y = new Float64Array(300);
    for (let t = 0; t < y.length; t++) y[t] = 20 + 5 * Math.sin(t / 15) + ((t * 104729) % 17) / 4;
    const spec = { error: "A", trend: "N", season: "N" } as const;
    const cold = fitEts(spec, y, 0, 300);
    const warm = fitEts(spec, y, 0, 300, cold.params);
    expect(warm.params[0]).toBeCloseTo(cold.params[0]!, 2);
    expect(warm.aicc).toBeLessThanOrEqual(cold.aicc + 1e-9);
  });
});
