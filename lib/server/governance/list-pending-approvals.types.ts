import { z } from "zod";
import type { TActionType, THumanTier } from "./approval-policy.types";
import { ZHumanTier } from "./approval-policy.types";

export const ZListPendingApprovalsQuery = z.object({
  tier: ZHumanTier.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type TListPendingApprovalsQuery = z.infer<typeof ZListPendingApprovalsQuery>;

export type SlaStatus = "within" | "due_soon" | "overdue";

export interface TPendingApproval {
  recommendationId: string;
  /** Send back as expectedVersion when deciding. */
  version: number;
  actionType: TActionType;
  quantity: number;
  value: number;
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
  sku: string;
  productName: string;
  modifiedBy: { id: string; name: string } | null;
  /** False when the actor may see the item but not approve it (they modified it). */
  canApprove: boolean;
  blockedReason: string | null;
}

export interface TPendingApprovals {
  items: TPendingApproval[];
  /** More items wait than `limit` returned. */
  truncated: boolean;
  totals: { items: number; value: number; overdue: number };
}
