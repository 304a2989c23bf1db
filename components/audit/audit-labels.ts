import { REASON_CODE_LABEL } from "@/lib/contracts/governance";
import type { AuditAction } from "@/lib/contracts/audit";

/** What each audited change is called on the page; typed over every action, so a new one needs its label. */
export const AUDIT_ACTION_LABEL: Record<AuditAction, string> = {
  "auth.signed_in": "Signed in",
  "auth.sign_in_failed": "Sign-in failed",
  "auth.locked_out": "Account locked",
  "auth.sessions_revoked": "Sessions ended",
  "auth.unlocked": "Sign-in unlocked",
  "import.succeeded": "Data imported",
  "import.failed": "Import failed",
  "user.created": "User created",
  "user.updated": "User changed",
  "policy.seeded": "Approval policy created",
  "policy.updated": "Approval policy changed",
  "policy.change_proposed": "Policy loosening proposed",
  "policy.change_approved": "Policy loosening approved",
  "policy.change_rejected": "Policy loosening rejected",
  "decision.routed": "Action sent for approval",
  "decision.auto_approved": "Action approved automatically",
  "decision.approved": "Action approved",
  "decision.modified": "Action modified",
  "decision.rejected": "Action rejected",
  "decision.superseded": "Action replaced by a newer plan",
  "decision.expired": "Action expired",
  "decision.exported": "Action sent to the ERP",
  "export.created": "Export to the ERP",
  "plan_run.queued": "Plan run queued",
  "plan_run.started": "Plan run started",
  "plan_run.succeeded": "Plan run finished",
  "plan_run.failed": "Plan run failed",
  "exception.snoozed": "Exception snoozed",
  "exception.assigned": "Exception assigned",
  "exception.commented": "Comment added",
  "exception.resolved": "Exception resolved",
  "forecast.overridden": "Forecast overridden",
  "forecast.value_added_measured": "Override's value added measured",
  "api_token.created": "API token created",
  "api_token.revoked": "API token revoked",
  "events.ingested": "Events received",
  "integrity.approval_unverified": "Approval without a verifying record",
  "inventory.counted": "Stock counted",
  "purchase_order.received": "Delivery received",
  "transfer.confirmed": "Transfer confirmed",
};

/** Groups of the action filter, by the code's prefix. */
export const AUDIT_GROUP_LABEL: Record<string, string> = {
  auth: "Sign-ins",
  import: "Imports",
  user: "Users",
  policy: "Approval policy",
  decision: "Decisions",
  export: "Exports",
  plan_run: "Plan runs",
  exception: "Exceptions",
  forecast: "Forecasts",
  api_token: "API tokens",
  events: "Events",
  integrity: "Integrity",
  inventory: "Inventory",
  purchase_order: "Purchase orders",
  transfer: "Transfers",
};

export const ENTITY_TYPE_LABEL: Record<string, string> = {
  User: "User",
  ImportBatch: "Import",
  ApprovalPolicy: "Approval policy",
  Recommendation: "Action",
  Exception: "Exception",
  PlanRun: "Plan run",
  ActionExport: "ERP export",
  ForecastOverride: "Forecast override",
  ApiToken: "API token",
  EventBatch: "Event batch",
  InventoryPosition: "Stock record",
  PurchaseOrder: "Purchase order",
};

export const auditActionLabel = (action: string) => (AUDIT_ACTION_LABEL as Record<string, string>)[action] ?? action.replace(/[._]/g, " ");
export const entityTypeLabel = (type: string) => ENTITY_TYPE_LABEL[type] ?? type.replace(/([a-z])([A-Z])/g, "$1 $2");

/** Why an exception left the queue (Exception.closedReason), as the audit log names it. */
const CLOSED_REASON_LABEL: Record<string, string> = {
  action_approved: "An action was approved",
  actions_rejected: "Every action was rejected",
  auto_approved: "An action was approved automatically",
  condition_cleared: "The condition cleared in a later plan",
  cycle_counted: "The store counted the stock",
};

/** A reason code (decision reasons, closing reasons) in words; free text stays as written. */
export function auditReasonLabel(reason: string): string {
  return (REASON_CODE_LABEL as Record<string, string>)[reason] ?? CLOSED_REASON_LABEL[reason] ?? reason;
}
