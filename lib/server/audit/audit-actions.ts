/** Every kind of state change the audit log records. Add new actions here, never free text. */
export const AUDIT_ACTIONS = [
  "auth.signed_in",
  "auth.sign_in_failed",
  "auth.locked_out",
  "import.succeeded",
  "import.failed",
  "user.created",
  "user.updated",
  "policy.seeded",
  "policy.updated",
  "decision.routed",
  "decision.auto_approved",
  "decision.approved",
  "decision.modified",
  "decision.rejected",
  "decision.superseded",
  "decision.expired",
  "decision.exported",
  "export.created",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];
