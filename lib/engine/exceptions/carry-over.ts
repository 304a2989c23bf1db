import { MS_PER_DAY } from "../calendar";

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

/** True when `current` differs from `before` by more than the material share (either way). */
export function movedMaterially(before: number, current: number): boolean {
  const base = Math.abs(before);
  if (base === 0) return Math.abs(current) > 0;
  return Math.abs(current - before) / base > MATERIAL_CHANGE.share;
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
 * The life-cycle rule for one action across runs: unless the proposal moved materially from the one
 * a person saw (quantity or expected benefit by more than MATERIAL_CHANGE.share), a rejection stands,
 * a pending item (with any modified quantity) stays as it is, and an action approved within
 * `commitmentDays` is not proposed twice. Pure, so plan runs and the simulation share it.
 */
export function carryOver(
  prior: PriorRecommendation | undefined,
  proposal: { quantity: number; expectedBenefit: number },
  now: Date,
  commitmentDays: number,
): CarryOver {
  if (!prior) return { kind: "propose" };
  const material = movedMaterially(prior.proposedQuantity, proposal.quantity) || movedMaterially(prior.expectedBenefit, proposal.expectedBenefit);
  if (material) return { kind: "propose" };
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
