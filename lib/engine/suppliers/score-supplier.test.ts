import { describe, expect, it } from "vitest";
import { MS_PER_DAY } from "../calendar";
import { scoreSupplier, type SupplierLineRecord } from "./score-supplier";

const day = (n: number) => Date.UTC(2026, 0, 1) + n * MS_PER_DAY;

/** A line ordered on `ordered`, promised `promised` days later, received `received` days after ordering (null: not yet). */
function line(po: string, ordered: number, promised: number, received: number | null, qty = 10, got = received === null ? 0 : qty, status = received === null ? "OPEN" : "RECEIVED"): SupplierLineRecord {
  return { poNumber: po, orderedAt: day(ordered), promisedAt: day(ordered + promised), qtyOrdered: qty, qtyReceived: got, receivedAt: received === null ? null : day(ordered + received), poStatus: status };
}

describe("scoreSupplier", () => {
  it("reads on-time rate, lead-time median and spread, fill and open late orders from the lines", () => {
    const lines = [
      line("PO1", 0, 10, 9),
      line("PO2", 5, 10, 10),
      line("PO3", 10, 10, 14),
      line("PO4", 20, 10, 18, 10, 6),
      line("PO5", 30, 10, null),
      line("PO6", 100, 10, null),
    ];
    const score = scoreSupplier(lines, 10, day(60));
    expect(score.receivedLines).toBe(4);
    expect(score.onTimeRate).toBe(0.5); // 9 and 10 days on time; 14 and 18 late
    expect(score.leadTimeMedianDays).toBe(12); // 9, 10, 14, 18
    expect(score.leadTimeP10Days).toBeCloseTo(9.3, 5);
    expect(score.leadTimeP90Days).toBeCloseTo(16.8, 5);
    expect(score.fillRate).toBe(36 / 40); // PO4 delivered 6 of 10
    expect(score.openLatePurchaseOrders).toBe(1); // PO5 was due on day 40; PO6 is not due yet
    expect(score.openLateUnits).toBe(10);
  });

  it("says slower lately only with enough receipts in both windows", () => {
    const earlier = [line("A", 0, 10, 10), line("B", 2, 10, 10), line("C", 4, 10, 11)];
    const recent = [line("D", 100, 10, 15), line("E", 102, 10, 16), line("F", 104, 10, 17)];
    expect(scoreSupplier([...earlier, ...recent], 10, day(130), { trendWindowDays: 90, minTrendSample: 3 }).leadTimeTrendDays).toBe(6);
    expect(scoreSupplier([...earlier, ...recent.slice(0, 2)], 10, day(130), { trendWindowDays: 90, minTrendSample: 3 }).leadTimeTrendDays).toBeNull();
  });

  it("has no rates without a sample, rather than 0% or 100%", () => {
    const score = scoreSupplier([line("PO1", 0, 10, null)], 7, day(5));
    expect(score).toMatchObject({ receivedLines: 0, onTimeRate: null, leadTimeMedianDays: null, fillRate: null, openLatePurchaseOrders: 0 });
  });
});
