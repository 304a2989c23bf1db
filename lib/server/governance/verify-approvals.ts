import "server-only";
import type { Recommendation } from "@prisma/client";
import type { Db, DbTransaction } from "../db";
import type { AuditAction, UnverifiedApproval } from "../../contracts/audit";
import { auditHashMatches } from "../audit/audit-hash";
import { auditKeys } from "../audit/audit-keys";
import { recordAuditEvent } from "../audit/record-audit-event";
import { SYSTEM_ACTOR } from "../actor";
import { APPROVED_STATUSES } from "../../contracts/governance";

const APPROVAL_AUDIT_ACTIONS: AuditAction[] = ["decision.approved", "decision.auto_approved"];
const STATE_AUDIT_ACTIONS: AuditAction[] = [...APPROVAL_AUDIT_ACTIONS, "decision.exported"];
const APPROVAL_DECISION_KINDS = ["approve", "auto_approve"];
const CHUNK = 500;

export type ApprovalEvidence = Pick<Recommendation, "id" | "status" | "quantity" | "version">;

function chunks<T>(items: T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

function snapshotOf(after: string | null): { status?: unknown; quantity?: unknown; version?: unknown } {
  if (!after) return {};
  try {
    const parsed: unknown = JSON.parse(after);
    return typeof parsed === "object" && parsed !== null ? parsed : {};
  } catch {
    return {};
  }
}

/**
 * Why each approved-looking recommendation is NOT backed by its evidence (absent from the map: it
 * is): an approval Decision row, an approval audit record whose hash is the audit key's HMAC of its
 * content, and a latest decision audit record that states exactly the row's status, quantity and
 * version. A status set directly in the database, or a quantity edited after approval, fails.
 */
export async function findUnverifiedApprovals(client: Db | DbTransaction, recommendations: ApprovalEvidence[]): Promise<Map<string, string>> {
  const unverified = new Map<string, string>();
  const { chainKey } = auditKeys();
  for (const batch of chunks(recommendations)) {
    const ids = batch.map((r) => r.id);
    const [decisions, audits] = await Promise.all([
      client.decision.findMany({ where: { recommendationId: { in: ids }, kind: { in: APPROVAL_DECISION_KINDS } }, select: { recommendationId: true } }),
      client.auditEvent.findMany({
        where: { entityType: "Recommendation", entityId: { in: ids }, action: { in: STATE_AUDIT_ACTIONS } },
        orderBy: { seq: "asc" },
      }),
    ]);
    const decided = new Set(decisions.map((d) => d.recommendationId));
    const auditsOf = new Map<string, typeof audits>();
    for (const a of audits) auditsOf.set(a.entityId!, [...(auditsOf.get(a.entityId!) ?? []), a]);
    for (const r of batch) {
      const trail = auditsOf.get(r.id) ?? [];
      const forged = trail.find(({ hash, ...content }) => !auditHashMatches(content, hash, chainKey));
      const latest = trail.at(-1);
      const stated = snapshotOf(latest?.after ?? null);
      let reason: string | null = null;
      if (!decided.has(r.id)) reason = "no approval decision is recorded";
      else if (!trail.some((a) => APPROVAL_AUDIT_ACTIONS.includes(a.action as AuditAction))) reason = "no approval audit record exists";
      else if (forged) reason = `audit record ${forged.seq} does not verify with the audit key`;
      else if (stated.status !== r.status || stated.quantity !== r.quantity || stated.version !== r.version) {
        reason = `its ${r.status} state (quantity ${r.quantity}, version ${r.version}) differs from the last audited decision (record ${latest!.seq})`;
      }
      if (reason) unverified.set(r.id, reason);
    }
  }
  return unverified;
}

/**
 * Records each unverified approval once as `integrity.approval_unverified`, which admins see in
 * the audit log; a recommendation already flagged is not flagged again.
 */
export async function flagUnverifiedApprovals(tx: DbTransaction, unverified: Map<string, string>): Promise<void> {
  if (unverified.size === 0) return;
  const ids = [...unverified.keys()];
  const already = await tx.auditEvent.findMany({
    where: { action: "integrity.approval_unverified", entityType: "Recommendation", entityId: { in: ids } },
    select: { entityId: true },
  });
  const flagged = new Set(already.map((a) => a.entityId));
  for (const [id, reason] of unverified) {
    if (flagged.has(id)) continue;
    await recordAuditEvent(tx, {
      actor: SYSTEM_ACTOR,
      action: "integrity.approval_unverified",
      entityType: "Recommendation",
      entityId: id,
      reason: `Refused from the ERP export: ${reason}.`,
    });
  }
}


/** Every approved-looking recommendation that fails verification, for the audit page and the API. */
export async function listUnverifiedApprovals(db: Db): Promise<UnverifiedApproval[]> {
  const approved = await db.recommendation.findMany({
    where: { status: { in: [...APPROVED_STATUSES] } },
    select: { id: true, status: true, quantity: true, version: true },
    orderBy: { id: "asc" },
  });
  const unverified = await findUnverifiedApprovals(db, approved);
  return approved.flatMap((r) => {
    const reason = unverified.get(r.id);
    return reason ? [{ recommendationId: r.id, status: r.status, reason }] : [];
  });
}
