import type { TExceptionStatus, TExceptionType } from "@/lib/server/exceptions/exceptions.types";

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
