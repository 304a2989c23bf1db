import { describe, expect, it } from "vitest";
import { calibrationTable } from "./exception-quality";

describe("calibrationTable", () => {
  it("buckets stated confidence and reports the share that came true, leaving empty buckets out", () => {
    const outcomes = [
      { confidence: 0.55, hit: true },
      { confidence: 0.58, hit: false },
      { confidence: 0.92, hit: true },
      { confidence: 0.94, hit: true },
      { confidence: 0.9, hit: false },
      { confidence: 1, hit: true },
    ];
    const rows = calibrationTable("projected_stockout", outcomes);
    expect(rows.map((row) => [row.from, row.to, row.claims, row.hits])).toEqual([
      [0.5, 0.6, 2, 1],
      [0.9, 0.95, 3, 2],
      [0.95, 1, 1, 1],
    ]);
    expect(rows[0]!.meanConfidence).toBeCloseTo(0.565, 10);
    expect(rows[1]!.hitRate).toBeCloseTo(2 / 3, 10);
    // Every outcome lands in exactly one bucket.
    expect(rows.reduce((sum, row) => sum + row.claims, 0)).toBe(outcomes.length);
  });

  it("no outcomes, no rows", () => {
    expect(calibrationTable("all", [])).toEqual([]);
  });
});
