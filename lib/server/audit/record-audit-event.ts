import "server-only";
import type { Actor } from "../actor";
import type { DbTransaction } from "../db";
import type { AuditAction } from "../../contracts/audit";
import { GENESIS_HASH, keyedAuditHash } from "./audit-hash";
import { auditKeys } from "./audit-keys";
import { lockAuditChain } from "../write-transaction";

export interface AuditEventInput {
  /** Who acted; their id, role and origin are recorded. */
  actor: Actor;
  action: AuditAction;
  entityType: string;
  entityId?: string | null;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
  planRunId?: string | null;
  policyVersion?: number | null;
}

function toJson(value: unknown): string | null {
  return value === undefined || value === null ? null : JSON.stringify(value);
}

/**
 * Appends one row to the keyed hash chain (HMAC under the audit key, linking to the previous row's
 * hash). Must be called with the transaction that makes the change it records, so the change and
 * its audit row commit or roll back together.
 */
export async function recordAuditEvent(tx: DbTransaction, input: AuditEventInput) {
  const { chainKey } = auditKeys();
  await lockAuditChain(tx);
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  const content = auditContent(input, (last?.seq ?? 0) + 1, last?.hash ?? GENESIS_HASH);
  return tx.auditEvent.create({ data: { ...content, hash: keyedAuditHash(content, chainKey) } });
}

/** Audit rows per multi-row insert. */
const AUDIT_ROWS_PER_INSERT = 500;

/**
 * Appends many rows to the chain in order, with the same content and hashes as recording them one by
 * one, in multi-row inserts: for the system's bulk steps (a plan run's publish routes thousands of
 * recommendations). Same rule: call it with the transaction that makes the changes.
 */
export async function recordAuditEvents(tx: DbTransaction, inputs: readonly AuditEventInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const { chainKey } = auditKeys();
  await lockAuditChain(tx);
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const rows = inputs.map((input) => {
    seq += 1;
    const content = auditContent(input, seq, prevHash);
    prevHash = keyedAuditHash(content, chainKey);
    return { ...content, hash: prevHash };
  });
  for (let start = 0; start < rows.length; start += AUDIT_ROWS_PER_INSERT) {
    await tx.auditEvent.createMany({ data: rows.slice(start, start + AUDIT_ROWS_PER_INSERT) });
  }
}

function auditContent(input: AuditEventInput, seq: number, prevHash: string) {
  return {
    seq,
    at: new Date(),
    actorId: input.actor.id,
    actorRole: input.actor.role,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId ?? null,
    before: toJson(input.before),
    after: toJson(input.after),
    reason: input.reason ?? null,
    planRunId: input.planRunId ?? null,
    policyVersion: input.policyVersion ?? null,
    origin: input.actor.origin ?? null,
    prevHash,
  };
}
