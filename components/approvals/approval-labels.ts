import type { TActionType, THumanTier } from "@/lib/server/governance/approval-policy.types";
import type { TReasonCode } from "@/lib/server/governance/decisions.types";
import type { SlaStatus } from "@/lib/server/governance/list-pending-approvals.types";

export const ACTION_LABEL: Record<TActionType, string> = {
  transfer: "Transfer",
  expedite_po: "Expedite PO",
  raise_order: "Raise order",
  cut_po: "Cut PO",
  markdown: "Markdown",
  adjust_forecast: "Adjust forecast",
  cycle_count: "Cycle count",
  review_model: "Review model",
};

export const TIER_LABEL: Record<THumanTier, string> = { planner: "Planner", manager: "Manager / buyer", finance: "Finance" };

export const REASON_LABEL: Record<TReasonCode, string> = {
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

export const SLA_BADGE: Record<SlaStatus, { label: string; className: string }> = {
  within: { label: "On time", className: "bg-emerald-100 text-emerald-900" },
  due_soon: { label: "Due soon", className: "bg-amber-100 text-amber-900" },
  overdue: { label: "Overdue", className: "bg-red-100 text-red-900" },
};
