import { describe, expect, it } from "vitest";
import { prepareHistory } from "./prepare-history";

describe("prepareHistory", () => {
  it("starts at the first sale and moves firstDay with it", () => {
    const history = prepareHistory({ id: "a", firstDay: 100, units: Float64Array.from([0, 0, 3, 0, 2]) });
    expect(history.firstDay).toBe(102);
    expect(Array.from(history.units)).toEqual([3, 0, 2]);
  });
  it("imputes a stock-out day from the same weekday of previous weeks and never below what sold", () => {
    const units = Float64Array.from([4, 1, 1, 1, 1, 1, 1, 6, 1, 1, 1, 1, 1, 1, 1]);
    const stockout = new Uint8Array(15);
    stockout[14] = 1; // same weekday as days 0 and 7 (4 and 6 sold)
    const history = prepareHistory({ id: "a", firstDay: 0, units, stockout });
    expect(history.units[14]).toBe(5);
    expect(history.observed[14]).toBe(0);
    units[14] = 9;
    expect(prepareHistory({ id: "a", firstDay: 0, units, stockout }).units[14]).toBe(9);
  });
  it("does not mutate its input", () => {
    const units = Float64Array.from([0, 2, 0]);
    const stockout = Uint8Array.from([0, 0, 1]);
    prepareHistory({ id: "a", firstDay: 0, units, stockout });
    expect(Array.from(units)).toEqual([0, 2, 0]);
  });
});
