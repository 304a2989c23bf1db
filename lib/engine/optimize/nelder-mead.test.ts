import { describe, expect, it } from "vitest";
import { minimizeNelderMead } from "./nelder-mead";

const box = (lower: number[], upper: number[]) => ({ lower: Float64Array.from(lower), upper: Float64Array.from(upper) });

describe("minimizeNelderMead", () => {
  it("finds the minimum of a shifted quadratic inside the box", () => {
    const result = minimizeNelderMead(
      (p) => (p[0]! - 0.3) ** 2 + 2 * (p[1]! - 0.7) ** 2,
      Float64Array.from([0.5, 0.5]),
      { ...box([0, 0], [1, 1]), maxEvaluations: 500, tolerance: 1e-14 },
    );
    expect(result.point[0]).toBeCloseTo(0.3, 4);
    expect(result.point[1]).toBeCloseTo(0.7, 4);
    expect(result.status).toBe("converged");
  });
  it("stops on the bound when the unconstrained minimum lies outside the box", () => {
    const result = minimizeNelderMead((p) => (p[0]! - 2) ** 2, Float64Array.from([0.5]), { ...box([0], [1]), tolerance: 1e-14, maxEvaluations: 300 });
    expect(result.point[0]).toBeCloseTo(1, 6);
  });
  it("minimises the Rosenbrock valley within its evaluation budget", () => {
    const result = minimizeNelderMead(
      (p) => 100 * (p[1]! - p[0]! ** 2) ** 2 + (1 - p[0]!) ** 2,
      Float64Array.from([-1, 1]),
      { ...box([-2, -2], [2, 2]), maxEvaluations: 2000, tolerance: 1e-16 },
    );
    expect(result.point[0]).toBeCloseTo(1, 2);
    expect(result.point[1]).toBeCloseTo(1, 2);
  });
  it("treats NaN as infeasible and is deterministic", () => {
    const objective = (p: Float64Array) => (p[0]! < 0.1 ? NaN : (p[0]! - 0.5) ** 2);
    const a = minimizeNelderMead(objective, Float64Array.from([0.9]), box([0], [1]));
    const b = minimizeNelderMead(objective, Float64Array.from([0.9]), box([0], [1]));
    expect(a.point[0]).toBeCloseTo(0.5, 3);
    expect(Array.from(a.point)).toEqual(Array.from(b.point));
  });
});
