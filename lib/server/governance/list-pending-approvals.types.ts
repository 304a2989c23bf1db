import { z } from "zod";
import type { TActionType, THumanTier } from "./approval-policy.types";
import { ZHumanTier } from "./approval-policy.types";

export const ZListPendingApprovalsQuery = z.object({
  tier: ZHumanTier.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type TListPendingApprovalsQuery = z.infer<typeof ZListPendingApprovalsQuery>;

export type SlaStatus = "within" | "due_soon" | "overdue";

/** Another action recommended for the same exception: approving one usually makes the others moot. */
export interface TAlternativeAction {
  recommendationId: string;
  rank: number;
  actionType: TActionType;
  quantity: number;
  value: number;
  status: string;
  tier: string;
  poNumber: string | null;
}

export interface TPendingApproval {
  recommendationId: string;
  /** Send back as expectedVersion when deciding. */
  version: number;
  actionType: TActionType;
  quantity: number;
  /** Money the approval tier is judged on (the action's value at cost). */
  value: number;
  /** What the action costs to carry out (freight, expediting fee, purchase at cost). */
  cost: number;
  /** Margin the action is expected to protect or gain. */
  benefit: number;
  /** 1 = the engine's first choice for its exception. */
  rank: number;
  /** Alternatives plus this one: how many options the engine weighed for the exception. */
  optionCount: number;
  alternatives: TAlternativeAction[];
  /** The purchase order an expedite or cut acts on. */
  poNumber: string | null;
  marginImpact: number;
  workingCapitalImpact: number;
  tier: THumanTier;
  policyVersion: number | null;
  routingReasons: string[];
  pendingSince: string;
  ageHours: number;
  slaHours: number;
  slaStatus: SlaStatus;
  exceptionId: string;
  exceptionType: string;
  /** Root-cause summary of the exception the action answers. */
  rootCause: string;
  region: string;
  category: string;
  locationCode: string;
  locationName: string;
  sku: string;
  productName: string;
  modifiedBy: { id: string; name: string } | null;
  /** False when the actor may see the item but not approve it (they modified it). */
  canApprove: boolean;
  blockedReason: string | null;
  /** In the viewer's own inbox (their designated tier and action types); otherwise waiting with someone else. */
  designated: boolean;
  /** Roles whose inbox holds the item, e.g. ["Buyer"]. */
  waitingFor: string[];
}

/** One action per exception: alternatives of one exception are either-or, so they are not added up. */
export interface TApprovalTotals {
  items: number;
  exceptions: number;
  value: number;
  overdue: number;
}

export interface TPendingApprovals {
  items: TPendingApproval[];
  /** More items wait than `limit` returned. */
  truncated: boolean;
  totals: TApprovalTotals;
  /** Pending items the viewer may see that wait in other approvers' inboxes, largest value first. */
  elsewhere: TPendingApproval[];
  elsewhereTotals: TApprovalTotals;
  /** Tiers of the viewer's own inbox, lowest first (the tier filter offers only these). */
  tiers: THumanTier[];
  /** Approving an action worth more than this asks for a confirmation (approval policy). */
  confirmAboveValue: number;
}
