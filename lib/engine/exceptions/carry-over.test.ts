import { describe, expect, it } from "vitest";
import { carryOver, movedMaterially, type PriorRecommendation } from "./carry-over";
import { MS_PER_DAY } from "../calendar";

const now = new Date("2026-11-30T06:00:00Z");
const prior = (status: PriorRecommendation["status"], decidedDaysAgo: number | null = null): PriorRecommendation => ({
  id: "rec-1",
  status,
  proposedQuantity: 120,
  quantity: status === "pending" ? 90 : 120,
  expectedBenefit: 400,
  decidedAt: decidedDaysAgo === null ? null : new Date(now.getTime() - decidedDaysAgo * MS_PER_DAY),
});

describe("carryOver", () => {
  it("material means more than 20 % either way", () => {
    expect(movedMaterially(100, 120)).toBe(false);
    expect(movedMaterially(100, 121)).toBe(true);
    expect(movedMaterially(100, 79)).toBe(true);
    expect(movedMaterially(0, 1)).toBe(true);
  });

  it("a rejection stands, a pending (modified) item is kept, a recent approval is not proposed twice — while nothing moved materially", () => {
    const unchanged = { quantity: 126, expectedBenefit: 420 };
    expect(carryOver(prior("rejected", 3), unchanged, now, 7)).toEqual({ kind: "skip", reason: "rejected" });
    expect(carryOver(prior("pending"), unchanged, now, 7)).toEqual({ kind: "keep", priorId: "rec-1" });
    expect(carryOver(prior("approved", 2), unchanged, now, 7)).toEqual({ kind: "skip", reason: "already-approved" });
    expect(carryOver(prior("approved", 9), unchanged, now, 7)).toEqual({ kind: "propose" });
    expect(carryOver(undefined, unchanged, now, 7)).toEqual({ kind: "propose" });
  });

  it("a material move in quantity or benefit asks again", () => {
    expect(carryOver(prior("rejected", 1), { quantity: 150, expectedBenefit: 400 }, now, 7)).toEqual({ kind: "propose" });
    expect(carryOver(prior("pending"), { quantity: 120, expectedBenefit: 520 }, now, 7)).toEqual({ kind: "propose" });
  });
});
