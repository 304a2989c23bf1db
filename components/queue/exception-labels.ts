import type { TActionType } from "@/lib/server/governance/approval-policy.types";
import type { RecommendationStatus } from "@/lib/server/governance/decision-states";
import type { TReasonCode } from "@/lib/server/governance/decisions.types";
import type { TApprovalTier, TExceptionStatus, TExceptionType } from "@/lib/server/exceptions/exceptions.types";

/** Label and a restrained badge colour per exception type; colours differ in hue, all pass AA on their tint. */
export const EXCEPTION_TYPE_META: Record<TExceptionType, { label: string; badge: string }> = {
  stockout: { label: "Stockout", badge: "bg-red-50 text-red-800 ring-red-200" },
  excess: { label: "Excess", badge: "bg-amber-50 text-amber-900 ring-amber-200" },
  demand_deviation: { label: "Demand shift", badge: "bg-violet-50 text-violet-800 ring-violet-200" },
  supplier_delay: { label: "Supplier delay", badge: "bg-orange-50 text-orange-900 ring-orange-200" },
  promotion_readiness: { label: "Promo readiness", badge: "bg-sky-50 text-sky-800 ring-sky-200" },
  inventory_inaccuracy: { label: "Inventory accuracy", badge: "bg-teal-50 text-teal-800 ring-teal-200" },
  forecast_drift: { label: "Forecast drift", badge: "bg-slate-100 text-slate-700 ring-slate-300" },
};

export const EXCEPTION_STATUS_LABEL: Record<TExceptionStatus, string> = {
  open: "Open",
  snoozed: "Snoozed",
  resolved: "Resolved",
  closed: "Closed",
};

export const TIER_LABEL: Record<TApprovalTier, string> = {
  auto: "Auto",
  planner: "Planner",
  manager: "Manager",
  finance: "Finance",
};

export const ACTION_TYPE_LABEL: Record<TActionType, string> = {
  transfer: "Transfer",
  expedite_po: "Expedite PO",
  raise_order: "Raise order",
  cut_po: "Cut PO",
  markdown: "Markdown",
  adjust_forecast: "Adjust forecast",
  cycle_count: "Cycle count",
  review_model: "Review model",
};

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
  better_alternative: "Better alternative",
  data_error: "Data error",
  business_context: "Business context",
  supplier_constraint: "Supplier constraint",
  capacity_constraint: "Capacity constraint",
  cost_too_high: "Cost too high",
  timing: "Timing",
  other: "Other (explain)",
};

export function labelOf<T extends string>(labels: Record<T, string>, value: string): string {
  return (labels as Record<string, string>)[value] ?? value.replaceAll("_", " ");
}
