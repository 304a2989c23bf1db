import { describe, expect, it } from "vitest";
import { splitAcrossLines } from "./action-lines";

describe("splitAcrossLines", () => {
  const lines = [
    { locationId: "ST4", quantity: 60 },
    { locationId: "ST5", quantity: 30 },
    { locationId: "ST6", quantity: 10 },
  ];
  it("keeps the lines as they are at their own total", () => {
    expect(splitAcrossLines(lines, 100)).toEqual(lines);
  });
  it("keeps each store's share at another total, in whole units that add up to it", () => {
    const split = splitAcrossLines(lines, 47);
    expect(split.map((line) => line.quantity)).toEqual([28, 14, 5]);
    expect(split.reduce((sum, line) => sum + line.quantity, 0)).toBe(47);
    expect(split.map((line) => line.locationId)).toEqual(["ST4", "ST5", "ST6"]);
  });
  it("gives nothing to anyone at zero", () => {
    expect(splitAcrossLines(lines, 0).map((line) => line.quantity)).toEqual([0, 0, 0]);
  });
});
