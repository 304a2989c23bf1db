import { z } from "zod";
import { ZIsoDate } from "./calendar";
import { CLOSED_REASON_LABEL } from "./exceptions";
import { REASON_CODE_LABEL } from "./governance";
import { roleLabel } from "./permissions";

/** Every kind of state change the audit log records. Add new actions here, never free text. */
export const AUDIT_ACTIONS = [
  "auth.signed_in",
  "auth.sign_in_failed",
  "auth.locked_out",
  "auth.sessions_revoked",
  "auth.unlocked",
  "import.succeeded",
  "import.failed",
  "user.created",
  "user.updated",
  "policy.seeded",
  "policy.updated",
  "policy.change_proposed",
  "policy.change_approved",
  "policy.change_rejected",
  "decision.routed",
  "decision.auto_approved",
  "decision.approved",
  "decision.modified",
  "decision.rejected",
  "decision.superseded",
  "decision.expired",
  "decision.exported",
  "export.created",
  "plan_run.queued",
  "plan_run.started",
  "plan_run.succeeded",
  "plan_run.failed",
  "exception.snoozed",
  "exception.assigned",
  "exception.commented",
  "exception.resolved",
  "forecast.overridden",
  "forecast.changed_by_approval",
  "forecast.value_added_measured",
  "api_token.created",
  "api_token.revoked",
  "events.ingested",
  "integrity.approval_unverified",
  "inventory.counted",
  "purchase_order.received",
  "transfer.confirmed",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** "decision" matches every "decision.*" action; a full name matches only itself. */
const ACTION_GROUPS = [...new Set(AUDIT_ACTIONS.map((a) => a.split(".")[0]!))];
export const ZAuditActionFilter = z.enum([...AUDIT_ACTIONS, ...ACTION_GROUPS] as [string, ...string[]]);

export const MAX_AUDIT_PAGE = 500;
export const MAX_AUDIT_CSV_ROWS = 50_000;

export const ZAuditQuery = z.object({
  actorId: z.string().min(1).max(100).optional(),
  action: ZAuditActionFilter.optional(),
  entityType: z.string().min(1).max(100).optional(),
  entityId: z.string().min(1).max(200).optional(),
  /** Inclusive UTC calendar days. */
  from: ZIsoDate.optional(),
  to: ZIsoDate.optional(),
  /** Page backwards from this sequence number (exclusive); newest first. */
  beforeSeq: z.coerce.number().int().positive().optional(),
  limit: z.coerce.number().int().min(1).max(MAX_AUDIT_PAGE).default(100),
  /** "people": leave out rows the system wrote on its own (routing, superseding, plan runs it started) and sign-ins. */
  rows: z.enum(["all", "people"]).default("all"),
  format: z.enum(["json", "csv"]).default("json"),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

export interface TAuditEventView {
  seq: number;
  at: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  reason: string | null;
  planRunId: string | null;
  policyVersion: number | null;
  origin: string | null;
  hash: string;
}

export interface TAuditPage {
  events: TAuditEventView[];
  /**
   * Readable names of the records the page's rows point at, keyed "Kind:id" (e.g. "Product:63",
   * "User:cm…", "Exception:cm…"): the entity of each row and the ids inside before/after.
   */
  names: Record<string, string>;
  /** Pass as beforeSeq for the next (older) page; null on the last page. */
  nextBeforeSeq: number | null;
}

export const AUDIT_CSV_COLUMNS = [
  "seq",
  "at",
  "actorId",
  "actorName",
  "actorRole",
  "action",
  "entityType",
  "entityId",
  "before",
  "after",
  "reason",
  "planRunId",
  "policyVersion",
  "origin",
  "hash",
] as const satisfies readonly (keyof TAuditEventView)[];

/** What kind of tampering a broken chain shows; each is named in the verification's message. */
export type AuditBreakKind =
  | "missing" // a record inside the chain was deleted
  | "relinked" // a record does not point at its predecessor's hash
  | "forged" // a record's hash is not the audit key's HMAC of its content (edited, or appended without the key)
  | "rewritten" // the chain re-hashed consistently (needs the key) but differs from a signed checkpoint
  | "truncated" // records covered by a checkpoint were deleted from the end
  | "deleted" // every record covered by a checkpoint was deleted
  | "checkpoint_invalid"; // a checkpoint line whose signature does not verify

export interface CheckpointSummary {
  seq: number;
  at: string;
  keyId: string;
}

export type AuditChainVerification =
  | {
      status: "intact";
      records: number;
      /** Hash of the last record verified ("" for an empty log). */
      headHash: string;
      /** First record of the keyed chain; earlier records predate the key (unkeyed SHA-256). */
      keyedFrom: number | null;
      /** The latest retained checkpoint the log was checked against (null: none yet, so tail truncation is undetectable). */
      checkpoint: CheckpointSummary | null;
    }
  | { status: "broken"; records: number; firstBrokenSeq: number; kind: AuditBreakKind; reason: string };

/** Choices for the audit page's "who" and "entity" filters: only values that occur in the log. */
export interface TAuditFilterOptions {
  actors: { id: string; name: string; role: string }[];
  entityTypes: string[];
}

export interface UnverifiedApproval {
  recommendationId: string;
  status: string;
  reason: string;
}

// ---------------------------------------------------------------------------------------------
// Labels: the audit log in words
// ---------------------------------------------------------------------------------------------

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
  "forecast.changed_by_approval": "Forecast changed by an approved recommendation",
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
  PolicyProposal: "Policy proposal",
};

export const auditActionLabel = (action: string) => (AUDIT_ACTION_LABEL as Record<string, string>)[action] ?? action.replace(/[._]/g, " ");
export const entityTypeLabel = (type: string) => ENTITY_TYPE_LABEL[type] ?? type.replace(/([a-z])([A-Z])/g, "$1 $2");

/** A reason code (decision reasons, closing reasons) in words; free text stays as written. */
export function auditReasonLabel(reason: string): string {
  return (REASON_CODE_LABEL as Record<string, string>)[reason] ?? (CLOSED_REASON_LABEL as Record<string, string>)[reason] ?? reason;
}

/**
 * Who wrote an audit row, as the log shows it: a person by name with their role; a row no person
 * wrote (the system on its own, or a command-line import or plan run, recorded with the admin role
 * it ran with) as "System" with how it ran, never under a person's role; a sign-in nobody could be
 * matched to (no actor, no role) as an unknown user.
 */
export function auditActorLabel(event: Pick<TAuditEventView, "actorId" | "actorName" | "actorRole" | "origin">): { name: string; isId: boolean; detail: string | null } {
  if (event.actorId === null) {
    if (event.actorRole === null) return { name: "Unknown user", isId: false, detail: "no matching account" };
    return { name: "System", isId: false, detail: event.origin?.startsWith("cli") ? "command line" : "automatic" };
  }
  const detail = event.actorRole === null ? null : event.actorRole === "system" ? "automatic" : event.actorRole === "api_token" ? "API token" : roleLabel(event.actorRole);
  return { name: event.actorName ?? event.actorId, isId: event.actorName === null, detail };
}
