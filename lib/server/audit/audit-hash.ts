import "server-only";
import { createHash, createHmac, timingSafeEqual } from "node:crypto";

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

/** Keyed records' hashes carry this prefix; bare 64-hex hashes are records written before the key existed. */
export const KEYED_HASH_PREFIX = "hmac:";

export function isKeyedHash(hash: string): boolean {
  return hash.startsWith(KEYED_HASH_PREFIX);
}

function canonicalAuditContent(content: AuditContent): string {
  return JSON.stringify([
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
}

/** Unkeyed SHA-256 of the chain's first generation; kept so records written before the key still verify. */
export function hashAuditContent(content: AuditContent): string {
  return createHash("sha256").update(canonicalAuditContent(content)).digest("hex");
}

/** HMAC-SHA-256 under the audit key: without the key nobody can compute a record's hash. */
export function keyedAuditHash(content: AuditContent, chainKey: Buffer): string {
  return KEYED_HASH_PREFIX + createHmac("sha256", chainKey).update(canonicalAuditContent(content)).digest("hex");
}

/** Whether a stored hash is the right one for the content (keyed or legacy, by its prefix). */
export function auditHashMatches(content: AuditContent, hash: string, chainKey: Buffer): boolean {
  const expected = isKeyedHash(hash) ? keyedAuditHash(content, chainKey) : hashAuditContent(content);
  return expected.length === hash.length && timingSafeEqual(Buffer.from(expected), Buffer.from(hash));
}
