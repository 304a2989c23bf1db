import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { UserActor } from "../actor";
import type { Db } from "../db";
import { notFound } from "../app-error";
import { toApiTokenView } from "./api-token-view";
import type { TApiTokenView } from "../../contracts/tokens";
import { runWriteTransaction } from "../write-transaction";

/** Revokes a token at once (the next request with it gets 401). Revoking twice is a no-op. */
export async function revokeApiToken(db: Db, actor: UserActor, tokenId: string): Promise<TApiTokenView> {
  return runWriteTransaction(db, async (tx) => {
    const before = await tx.apiToken.findUnique({ where: { id: tokenId } });
    if (!before) throw notFound("This token");
    if (before.revokedAt) return toApiTokenView(before, null);
    const after = await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date(), revokedById: actor.id } });
    await recordAuditEvent(tx, {
      actor,
      action: "api_token.revoked",
      entityType: "ApiToken",
      entityId: tokenId,
      before: { revokedAt: null },
      after: { revokedAt: after.revokedAt },
    });
    return toApiTokenView(after, null);
  });
}
