import { describe, expect, it } from "vitest";
import { summarizeSupplierLeadTimes } from "./summarize-supplier-lead-times";

describe("summarizeSupplierLeadTimes", () => {
  it("splits recent and earlier orders and measures lateness against the promise", () => {
    const history = [
      { orderDay: 0, receivedDay: 7 },
      { orderDay: 10, receivedDay: 17 },
      { orderDay: 80, receivedDay: 91 },
      { orderDay: 90, receivedDay: 101 },
    ];
    const summary = summarizeSupplierLeadTimes(7, history, 120, { recentWindowDays: 56 });
    expect(summary.status).toBe("observed");
    expect(summary.meanDays).toBe(9);
    expect(summary.sdDays).toBeCloseTo(Math.sqrt(16 / 3), 12);
    expect(summary.meanLatenessDays).toBe(2);
    expect(summary.earlierMeanDays).toBe(7);
    expect(summary.recentMeanDays).toBe(11);
  });

  it("falls back to the promised lead time without history", () => {
    const summary = summarizeSupplierLeadTimes(5, [], 100);
    expect(summary).toMatchObject({ status: "promised-only", meanDays: 5, sdDays: 0, meanLatenessDays: 0 });
  });
});
