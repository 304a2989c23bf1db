import type { TExceptionType } from "@/lib/contracts/exceptions";
import type { RecommendationStatus, SlaStatus } from "@/lib/contracts/governance";

/**
 * How the shared vocabulary looks on screen. The words live in `lib/contracts` (one table per
 * vocabulary, also used by exports); this file only adds the badge colours.
 */

/** Restrained badge colours per exception type; colours differ in hue, all pass AA on their tint. */
export const EXCEPTION_TYPE_BADGE: Record<TExceptionType, string> = {
  stockout: "bg-red-50 text-red-800 ring-red-200",
  excess: "bg-amber-50 text-amber-900 ring-amber-200",
  demand_deviation: "bg-violet-50 text-violet-800 ring-violet-200",
  supplier_delay: "bg-orange-50 text-orange-900 ring-orange-200",
  promotion_readiness: "bg-sky-50 text-sky-800 ring-sky-200",
  inventory_inaccuracy: "bg-teal-50 text-teal-800 ring-teal-200",
  forecast_drift: "bg-slate-100 text-slate-700 ring-slate-300",
};

export const RECOMMENDATION_STATUS_BADGE: Record<RecommendationStatus, string> = {
  proposed: "bg-slate-100 text-slate-700",
  pending: "bg-amber-50 text-amber-900",
  auto_approved: "bg-emerald-50 text-emerald-800",
  approved: "bg-emerald-50 text-emerald-800",
  rejected: "bg-red-50 text-red-800",
  exported: "bg-sky-50 text-sky-800",
  superseded: "bg-slate-100 text-slate-600",
  expired: "bg-slate-100 text-slate-600",
};

export const SLA_STATUS_BADGE: Record<SlaStatus, string> = {
  within: "bg-emerald-100 text-emerald-900",
  due_soon: "bg-amber-100 text-amber-900",
  overdue: "bg-red-100 text-red-900",
};

/** Label of a stored value, or the value made readable when a newer server sends one the client does not know. */
export function labelOf<T extends string>(labels: Record<T, string>, value: string): string {
  return (labels as Record<string, string>)[value] ?? value.replaceAll("_", " ");
}
