import { MS_PER_DAY } from "../calendar";
import type { ActionPricing } from "./exception-types";
import { repriceAction } from "./reprice-action";

/**
 * What "the input changed materially" means, in one place: a decision a person made on an
 * exception or one of its actions stands across plan runs until the situation moves past these.
 */
export const MATERIAL_CHANGE = {
  /** Money at risk, an action's quantity or its expected benefit moved by more than this share. */
  share: 0.2,
  /** Stock-out: the impact came at least this much closer, as a share of the days left at decision time. */
  stockoutDaysToImpactShare: 0.5,
  /** Supplier delay: the expected delay grew by at least this many days. */
  supplierDelayExtraDays: 3,
} as const;

/**
 * True when `current` differs from `before` by more than the material share (either way) of the
 * larger of `before` and `basis` — the whole an action's figure is cut from. A markdown of 7 or 17
 * units out of 110 in excess is the same decision: the part moved with the day's forecast noise
 * while the stock and demand it is cut from did not. Without a basis, `before` is the yardstick.
 */
export function movedMaterially(before: number, current: number, basis = 0): boolean {
  const scale = Math.max(Math.abs(before), Math.abs(basis));
  if (scale === 0) return Math.abs(current) > 0;
  return Math.abs(current - before) / scale > MATERIAL_CHANGE.share;
}

/** An action as a run proposes it: what carry-over compares with the earlier recommendation. */
export interface CarryOverProposal {
  quantity: number;
  /** The input quantity the action is cut from (RecommendedAction.quantityBasis); 0 when it has none. */
  quantityBasis: number;
  /** The economics it was priced on now, to value the earlier quantity by today's figures. */
  pricing: ActionPricing;
}

/** A recommendation an earlier run made for the same action on the same exception, and what became of it. */
export interface PriorRecommendation {
  id: string;
  status: "pending" | "rejected" | "approved" | "auto_approved" | "exported";
  /** The engine's quantity then, and the quantity now (a person may have modified it). */
  proposedQuantity: number;
  quantity: number;
  expectedBenefit: number;
  /** When it was approved or rejected; null while pending. */
  decidedAt: Date | null;
}

export type CarryOver =
  /** Propose the new action as the engine priced it. */
  | { kind: "propose" }
  /** Keep the earlier pending recommendation (a person's modified quantity included) instead of a new one. */
  | { kind: "keep"; priorId: string }
  /** Do not propose it again: rejected, or already approved within the commitment window. */
  | { kind: "skip"; reason: "rejected" | "already-approved" };

/**
 * The life-cycle rule for one action across runs (hysteresis): unless the proposal moved materially
 * from the one a person saw, a rejection stands, a pending item (with any modified quantity) stays as
 * it is, and an action approved within `commitmentDays` is not proposed twice. Material: the quantity
 * moved past MATERIAL_CHANGE.share of its basis, or the earlier quantity is now worth more than that
 * share of the basis' worth (pro rata) more or less than it was — valued by today's pricing, so a
 * change of quantity alone is not counted twice. Pure, so plan runs and the simulation share it.
 */
export function carryOver(prior: PriorRecommendation | undefined, proposal: CarryOverProposal, now: Date, commitmentDays: number): CarryOver {
  if (!prior) return { kind: "propose" };
  if (movedMaterially(prior.proposedQuantity, proposal.quantity, proposal.quantityBasis)) return { kind: "propose" };
  const priorNow = repriceAction(proposal.pricing, prior.proposedQuantity);
  if (priorNow.status !== "priced") return { kind: "propose" };
  const basisWorth = prior.proposedQuantity === 0 ? 0 : (Math.abs(prior.expectedBenefit) * proposal.quantityBasis) / Math.abs(prior.proposedQuantity);
  if (movedMaterially(prior.expectedBenefit, priorNow.figures.expectedBenefit, basisWorth)) return { kind: "propose" };
  switch (prior.status) {
    case "rejected":
      return { kind: "skip", reason: "rejected" };
    case "pending":
      return { kind: "keep", priorId: prior.id };
    case "approved":
    case "auto_approved":
    case "exported": {
      const ageDays = prior.decidedAt ? (now.getTime() - prior.decidedAt.getTime()) / MS_PER_DAY : Infinity;
      return ageDays <= commitmentDays ? { kind: "skip", reason: "already-approved" } : { kind: "propose" };
    }
  }
}
