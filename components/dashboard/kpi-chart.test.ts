import { describe, expect, it } from "vitest";
import { percentAxis } from "./kpi-chart";

describe("percentage axis", () => {
  it("ticks on round steps from just below the lowest rate to 100%", () => {
    expect(percentAxis([0.931, 0.99, 1])).toEqual({ domain: [0.92, 1], ticks: [0.92, 0.94, 0.96, 0.98, 1] });
  });

  it("spans a negative bias and a WAPE on whole quarters", () => {
    expect(percentAxis([-0.07, 0.3, 0.29])).toEqual({ domain: [-0.25, 1], ticks: [-0.25, 0, 0.25, 0.5, 0.75, 1] });
  });

  it("keeps a flat 100% readable and goes past 100% when a figure does", () => {
    expect(percentAxis([1, 1]).ticks).toEqual([0.99, 0.995, 1]);
    expect(percentAxis([0.4, 1.3]).domain).toEqual([0.4, 1.4]);
  });
});
