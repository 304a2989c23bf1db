import { createHash } from "node:crypto";

/** The fields of an audit row that its hash covers, in a fixed order. */
export interface AuditContent {
  seq: number;
  at: Date;
  actorId: string | null;
  actorRole: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: string | null;
  after: string | null;
  reason: string | null;
  planRunId: string | null;
  policyVersion: number | null;
  origin: string | null;
  prevHash: string;
}

/** Hash of the first row's predecessor. */
export const GENESIS_HASH = "0".repeat(64);

export function hashAuditContent(content: AuditContent): string {
  const canonical = JSON.stringify([
    content.seq,
    content.at.toISOString(),
    content.actorId,
    content.actorRole,
    content.action,
    content.entityType,
    content.entityId,
    content.before,
    content.after,
    content.reason,
    content.planRunId,
    content.policyVersion,
    content.origin,
    content.prevHash,
  ]);
  return createHash("sha256").update(canonical).digest("hex");
}
