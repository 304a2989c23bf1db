import { describe, expect, it } from "vitest";
import { combinationWeights } from "./combine-candidates";

describe("combinationWeights", () => {
  it("splits half among the backtest's choice and half among the aggregates", () => {
    const weights = combinationWeights(["tsb", "ma28", "ses"], ["adida", "ma365"], 0.5);
    expect([...weights.keys()]).toEqual(["tsb", "ma28", "ses", "adida", "ma365"]);
    expect(weights.get("tsb")).toBeCloseTo(1 / 6, 12);
    expect(weights.get("ses")).toBeCloseTo(1 / 6, 12);
    expect(weights.get("adida")).toBeCloseTo(1 / 4, 12);
    expect(weights.get("ma365")).toBeCloseTo(1 / 4, 12);
  });
  it("gives a candidate that is both chosen and an aggregate both shares", () => {
    const weights = combinationWeights(["adida", "tsb"], ["adida", "ma365"], 0.5);
    expect(weights.get("adida")).toBeCloseTo(0.5, 12);
    expect(weights.get("tsb")).toBeCloseTo(0.25, 12);
    expect(weights.get("ma365")).toBeCloseTo(0.25, 12);
  });
  it("is the plain equal average without aggregates", () => {
    const weights = combinationWeights(["ses", "damped"], [], 0.5);
    expect(weights.get("ses")).toBe(0.5);
    expect(weights.get("damped")).toBe(0.5);
    expect(weights.size).toBe(2);
  });
});
