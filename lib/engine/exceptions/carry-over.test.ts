import { describe, expect, it } from "vitest";
import { carryOver, movedMaterially, type CarryOverProposal, type PriorRecommendation } from "./carry-over";
import { MS_PER_DAY } from "../calendar";
import type { ActionPricing } from "./exception-types";

const now = new Date("2026-11-30T06:00:00Z");
const prior = (status: PriorRecommendation["status"], decidedDaysAgo: number | null = null): PriorRecommendation => ({
  id: "rec-1",
  status,
  proposedQuantity: 120,
  quantity: status === "pending" ? 90 : 120,
  expectedBenefit: 400,
  decidedAt: decidedDaysAgo === null ? null : new Date(now.getTime() - decidedDaysAgo * MS_PER_DAY),
});
/** Each unit up to `coverableUnits` earns `unitBenefit`; 120 units at 10/3 each is the prior's 400. */
const cover = (unitBenefit: number, coverableUnits = 1_000): ActionPricing => ({ model: "capped-cover", unitActionCost: 0, unitBenefit, coverableUnits, unitGovernanceValue: 2 });
const proposal = (quantity: number, pricing: ActionPricing = cover(400 / 120), quantityBasis = 0): CarryOverProposal => ({ quantity, quantityBasis, pricing });

describe("carryOver", () => {
  it("material means more than 20 % either way", () => {
    expect(movedMaterially(100, 120)).toBe(false);
    expect(movedMaterially(100, 121)).toBe(true);
    expect(movedMaterially(100, 79)).toBe(true);
    expect(movedMaterially(0, 1)).toBe(true);
  });

  it("a figure is judged against the whole it is cut from: 7 → 17 units of a 110-unit excess is not material, 7 → 30 is", () => {
    expect(movedMaterially(7, 17, 110)).toBe(false);
    expect(movedMaterially(7, 30, 110)).toBe(true);
    // Without a wider basis the earlier figure is the yardstick.
    expect(movedMaterially(7, 17)).toBe(true);
    expect(movedMaterially(0, 0)).toBe(false);
  });

  it("a rejection stands, a pending (modified) item is kept, a recent approval is not proposed twice — while nothing moved materially", () => {
    const unchanged = proposal(126);
    expect(carryOver(prior("rejected", 3), unchanged, now, 7)).toEqual({ kind: "skip", reason: "rejected" });
    expect(carryOver(prior("pending"), unchanged, now, 7)).toEqual({ kind: "keep", priorId: "rec-1" });
    expect(carryOver(prior("approved", 2), unchanged, now, 7)).toEqual({ kind: "skip", reason: "already-approved" });
    expect(carryOver(prior("approved", 9), unchanged, now, 7)).toEqual({ kind: "propose" });
    expect(carryOver(undefined, unchanged, now, 7)).toEqual({ kind: "propose" });
  });

  it("must keep a pending item whose proposal moved within its basis, and must ask again past it", () => {
    // 120 → 160 is a third more, but a small part of the 400 units it is cut from.
    expect(carryOver(prior("pending"), proposal(160, cover(400 / 120), 400), now, 7)).toEqual({ kind: "keep", priorId: "rec-1" });
    expect(carryOver(prior("pending"), proposal(210, cover(400 / 120), 400), now, 7)).toEqual({ kind: "propose" });
  });

  it("a material move in quantity, or in what the earlier quantity is worth now, asks again", () => {
    expect(carryOver(prior("rejected", 1), proposal(150), now, 7)).toEqual({ kind: "propose" });
    // Same quantity, each unit now worth 30 % more.
    expect(carryOver(prior("pending"), proposal(120, cover((400 / 120) * 1.3)), now, 7)).toEqual({ kind: "propose" });
    // Same quantity, but only 80 of the 120 units still make a difference.
    expect(carryOver(prior("pending"), proposal(120, cover(400 / 120, 80)), now, 7)).toEqual({ kind: "propose" });
  });

  it("must keep a pending item whose worth moved within the basis' worth: 120 of 400 units, each now worth a quarter less", () => {
    // 400 / 120 per unit × 400 units = 1,333 of basis worth; 400 → 300 moves by 7.5 % of it.
    expect(carryOver(prior("pending"), proposal(120, cover((400 / 120) * 0.75), 400), now, 7)).toEqual({ kind: "keep", priorId: "rec-1" });
    // Without a basis the same fall is material.
    expect(carryOver(prior("pending"), proposal(120, cover((400 / 120) * 0.75)), now, 7)).toEqual({ kind: "propose" });
  });

  it("must not count a change of quantity twice: a smaller proposal does not make the earlier quantity worth less", () => {
    // The engine now proposes 100 (within the basis); the earlier 120 units are still worth 400.
    expect(carryOver(prior("pending"), proposal(100, cover(400 / 120), 300), now, 7)).toEqual({ kind: "keep", priorId: "rec-1" });
  });
});
