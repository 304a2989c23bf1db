import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { SessionUser } from "../auth/session-user.types";
import { db } from "../db";
import { notFound } from "../http/app-error";
import { toApiTokenView } from "./api-token-view";
import type { TApiTokenView } from "./tokens.types";
import { runWriteTransaction } from "../write-transaction";

/** Revokes a token at once (the next request with it gets 401). Revoking twice is a no-op. */
export async function revokeApiToken(actor: SessionUser, tokenId: string, origin: string): Promise<TApiTokenView> {
  return runWriteTransaction(db, async (tx) => {
    const before = await tx.apiToken.findUnique({ where: { id: tokenId } });
    if (!before) throw notFound("This token");
    if (before.revokedAt) return toApiTokenView(before, null);
    const after = await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date(), revokedById: actor.id } });
    await recordAuditEvent(tx, {
      actor: { userId: actor.id, role: actor.role },
      action: "api_token.revoked",
      entityType: "ApiToken",
      entityId: tokenId,
      before: { revokedAt: null },
      after: { revokedAt: after.revokedAt },
      origin,
    });
    return toApiTokenView(after, null);
  });
}
