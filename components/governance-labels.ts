import { ACTION_TYPE_LABEL } from "@/lib/server/governance/approval-policy.types";
import type { RecommendationStatus } from "@/lib/server/governance/decision-states";
import type { TReasonCode } from "@/lib/server/governance/decisions.types";
import type { TApprovalTier } from "@/lib/server/exceptions/exceptions.types";

/** Labels of the governance vocabulary (tiers, action types, recommendation states, reason codes), shared by every page. */
export const TIER_LABEL: Record<TApprovalTier, string> = {
  auto: "Auto",
  planner: "Planner",
  manager: "Manager",
  finance: "Finance",
};

export { ACTION_TYPE_LABEL };

export const RECOMMENDATION_STATUS_META: Record<RecommendationStatus, { label: string; badge: string }> = {
  proposed: { label: "Proposed", badge: "bg-slate-100 text-slate-700" },
  pending: { label: "Awaiting approval", badge: "bg-amber-50 text-amber-900" },
  auto_approved: { label: "Auto-approved", badge: "bg-emerald-50 text-emerald-800" },
  approved: { label: "Approved", badge: "bg-emerald-50 text-emerald-800" },
  rejected: { label: "Rejected", badge: "bg-red-50 text-red-800" },
  exported: { label: "Exported", badge: "bg-sky-50 text-sky-800" },
  superseded: { label: "Superseded", badge: "bg-slate-100 text-slate-600" },
  expired: { label: "Expired", badge: "bg-slate-100 text-slate-600" },
};

export const REASON_CODE_LABEL: Record<TReasonCode, string> = {
  quantity_adjusted: "Quantity adjusted",
  better_alternative: "A better alternative exists",
  data_error: "Data error",
  business_context: "Business context the model lacks",
  supplier_constraint: "Supplier constraint",
  capacity_constraint: "Capacity constraint",
  cost_too_high: "Cost too high",
  timing: "Timing",
  other: "Other (explain)",
};

/**
 * An action's quantity in the one unit it is read in: a forecast change per day (signed), every
 * other action in units over its window.
 */
export function quantityUnitLabel(actionType: string, quantity: number): string {
  if (actionType === "adjust_forecast") return "units/day";
  return quantity === 1 ? "unit" : "units";
}

/** Label of a stored value, or the value made readable when a newer server sends one the client does not know. */
export function labelOf<T extends string>(labels: Record<T, string>, value: string): string {
  return (labels as Record<string, string>)[value] ?? value.replaceAll("_", " ");
}
