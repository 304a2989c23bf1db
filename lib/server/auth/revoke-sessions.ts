import "server-only";
import type { Db, DbTransaction } from "../db";
import type { Actor } from "../actor";
import { recordAuditEvent } from "../audit/record-audit-event";
import { runWriteTransaction } from "../write-transaction";

/**
 * Ends every session of a user: bumps their session version, so any token issued before (this
 * browser's, a copied cookie, another device's) is refused on its next request. Audited.
 */
export async function revokeSessionsIn(tx: DbTransaction, userId: string, input: { reason: string; origin?: string; actor?: Actor }) {
  const updated = await tx.user.updateMany({ where: { id: userId }, data: { sessionVersion: { increment: 1 } } });
  if (updated.count === 0) return;
  await recordAuditEvent(tx, {
    actor: input.actor ?? { id: userId, role: null, scopes: [], origin: input.origin },
    action: "auth.sessions_revoked",
    entityType: "User",
    entityId: userId,
    reason: input.reason,
  });
}

export async function revokeSessions(db: Db, userId: string, input: { reason: string; origin?: string }) {
  await runWriteTransaction(db, (tx) => revokeSessionsIn(tx, userId, input));
}
