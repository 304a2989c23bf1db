import "server-only";
import type { Db, DbTransaction } from "../db";
import { requireAuditCheckpoint } from "../audit/publish-audit-checkpoint";
import { recordAuditEvent } from "../audit/record-audit-event";
import { EXPORTED_ACTION_TYPES, type TActionExport, type TApprovedActionsQuery } from "./action-export.types";
import { statusesAllowing } from "../../contracts/governance";
import { runDecisionTransaction, writeDecision } from "./decision-transaction";
import type { UserActor } from "../actor";
import { readActionExportRows } from "./read-action-export-rows";
import { findUnverifiedApprovals, flagUnverifiedApprovals } from "./verify-approvals";
import { isPrismaError } from "../db-errors";

type ExportWithoutCheckpoint = Omit<TActionExport, "auditCheckpoint">;

async function existingExport(client: Db | DbTransaction, exportId: string): Promise<ExportWithoutCheckpoint | null> {
  const found = await client.actionExport.findUnique({ where: { id: exportId } });
  if (!found) return null;
  return { exportId, createdAt: found.createdAt.toISOString(), created: false, rows: await readActionExportRows(client, exportId) };
}

/**
 * Hands the approved, not yet exported actions to the ERP and marks them exported, audited in the
 * same transaction. The export id is the idempotency key: a consumer that sends its own id (or
 * re-sends the one it was given) gets the same rows again instead of a second export, even when
 * its first response was lost. Without an id and with nothing to export, nothing is written.
 * Only approvals backed by their decision and a verifying audit record ship; any other
 * approved-looking row is left out and flagged to admins (integrity.approval_unverified).
 */
export async function exportApprovedActions(
  db: Db,
  actor: UserActor,
  { format, exportId }: TApprovedActionsQuery,
): Promise<TActionExport> {
  await requireAuditCheckpoint(db);
  const exported = await exportVerifiedApprovals(db, actor, { format, exportId });
  return { ...exported, auditCheckpoint: await requireAuditCheckpoint(db) };
}

async function exportVerifiedApprovals(
  db: Db,
  actor: UserActor,
  { format, exportId }: TApprovedActionsQuery,
): Promise<ExportWithoutCheckpoint> {
  const earlier = exportId ? await existingExport(db, exportId) : null;
  if (earlier) return earlier;
  try {
    return await runDecisionTransaction(db, async (tx): Promise<ExportWithoutCheckpoint> => {
      const raced = exportId ? await existingExport(tx, exportId) : null;
      if (raced) return raced;
      const candidates = await tx.recommendation.findMany({
        where: { status: { in: statusesAllowing("export") }, exportId: null, actionType: { in: EXPORTED_ACTION_TYPES } },
        orderBy: { id: "asc" },
      });
      const unverified = await findUnverifiedApprovals(tx, candidates);
      await flagUnverifiedApprovals(tx, unverified);
      const due = candidates.filter((r) => !unverified.has(r.id));
      if (due.length === 0 && !exportId) return { exportId: null, createdAt: null, created: false, rows: [] };
      const created = await tx.actionExport.create({
        data: { id: exportId, createdById: actor.id, format, items: due.length },
      });
      for (const recommendation of due) {
        await writeDecision(tx, {
          recommendation,
          kind: "export",
          toStatus: "exported",
          actor,
          auditAction: "decision.exported",
          changes: { exportId: created.id },
          policyVersion: recommendation.policyVersion,
          auditDetails: { exportId: created.id },
        });
      }
      await recordAuditEvent(tx, {
        actor,
        action: "export.created",
        entityType: "ActionExport",
        entityId: created.id,
        after: { format, items: due.length, recommendationIds: due.map((r) => r.id) },
      });
      return {
        exportId: created.id,
        createdAt: created.createdAt.toISOString(),
        created: true,
        rows: await readActionExportRows(tx, created.id),
      };
    });
  } catch (error) {
    // Another process created the export with this id between our check and our insert.
    const isDuplicate = isPrismaError(error, "P2002");
    const winner = isDuplicate && exportId ? await existingExport(db, exportId) : null;
    if (!winner) throw error;
    return winner;
  }
}
