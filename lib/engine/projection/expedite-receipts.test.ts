import { describe, expect, it } from "vitest";
import { expediteReceipts, expeditedDayOffset } from "./expedite-receipts";

describe("expedited receipts", () => {
  it("take the share of the remaining transit off, leave at least a day, and never make a receipt later", () => {
    expect([8, 5, 3, 2, 1, 0].map((day) => expeditedDayOffset(day, 0.5))).toEqual([4, 3, 2, 1, 1, 0]);
    expect(expeditedDayOffset(10, 0.3)).toBe(3);
  });

  it("move only the order's own receipts, and say so when none can come earlier", () => {
    const receipts = [
      { dayOffset: 6, quantity: 12, reference: "PO-1" },
      { dayOffset: 9, quantity: 4, reference: "PO-1", lateProbability: 0.1 },
      { dayOffset: 6, quantity: 30, reference: "PO-2" },
    ];
    expect(expediteReceipts(receipts, "PO-1", 0.5)).toEqual([
      { dayOffset: 3, quantity: 12, reference: "PO-1" },
      { dayOffset: 5, quantity: 4, reference: "PO-1", lateProbability: 0.1 },
      { dayOffset: 6, quantity: 30, reference: "PO-2" },
    ]);
    expect(expediteReceipts([{ dayOffset: 1, quantity: 5, reference: "PO-1" }], "PO-1", 0.5)).toBeUndefined();
    expect(expediteReceipts(receipts, "PO-9", 0.5)).toBeUndefined();
  });
});
