import { describe, expect, it } from "vitest";
import type { SeriesForecast } from "../types";
import { addDependentDemand } from "./add-dependent-demand";

function forecast(id: string, mean: number[], nbSize: number): SeriesForecast {
  const values = Float64Array.from(mean);
  return {
    id,
    method: "fixture",
    demandClass: "smooth",
    firstDay: 100,
    mean: values,
    nbSize,
    quantiles: [0.1, 0.5, 0.9].map((level) => ({ level, values })),
    accuracy: { wape: 0.2, mase: 0.8, rmsse: 0.8, bias: 0, coverage80: 0.8, trackingSignal: 0 },
  };
}

describe("addDependentDemand", () => {
  it("adds store means day by day and reproduces the summed daily variances", () => {
    const dc = forecast("DC01|A", [0, 0], Number.POSITIVE_INFINITY);
    const storeA = forecast("S1|A", [2, 4], 4); // variances 2 + 1 = 3, 4 + 4 = 8
    const storeB = forecast("S2|A", [3, 1], Number.POSITIVE_INFINITY); // Poisson: 3, 1
    const combined = addDependentDemand(dc, [storeA, storeB]);
    expect(Array.from(combined.mean)).toEqual([5, 5]);
    // Σ daily variance = (3 + 3) + (8 + 1) = 15; Σ mean = 10, so excess 5; Σ mean² = 50 → size 10.
    expect(combined.nbSize).toBeCloseTo(10, 12);
    const reproduced = Array.from(combined.mean).reduce((sum, m) => sum + m + (m * m) / combined.nbSize, 0);
    expect(reproduced).toBeCloseTo(15, 12);
    expect(combined.accuracy).toBeUndefined();
    expect(combined.quantiles.map((q) => q.level)).toEqual([0.1, 0.5, 0.9]);
    const [p10, p50, p90] = combined.quantiles.map((q) => q.values[0]!);
    expect(p10).toBeLessThanOrEqual(p50!);
    expect(p50).toBeLessThanOrEqual(p90!);
  });

  it("keeps a DC's own forecast when nothing is downstream and is Poisson when every input is", () => {
    const dc = forecast("DC01|A", [1, 1], 5);
    expect(addDependentDemand(dc, [])).toBe(dc);
    const poisson = addDependentDemand(forecast("DC01|B", [0, 0], Number.POSITIVE_INFINITY), [forecast("S1|B", [2, 2], Number.POSITIVE_INFINITY)]);
    expect(poisson.nbSize).toBe(Number.POSITIVE_INFINITY);
  });
});
