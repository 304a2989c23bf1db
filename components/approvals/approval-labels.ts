import type { SlaStatus } from "@/lib/server/governance/list-pending-approvals.types";

export const SLA_BADGE: Record<SlaStatus, { label: string; className: string }> = {
  within: { label: "On time", className: "bg-emerald-100 text-emerald-900" },
  due_soon: { label: "Due soon", className: "bg-amber-100 text-amber-900" },
  overdue: { label: "Overdue", className: "bg-red-100 text-red-900" },
};
