import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { SessionUser } from "../auth/session-user.types";
import { db } from "../db";
import { toApiTokenView } from "./api-token-view";
import { generateTokenSecret } from "./token-secret";
import type { TCreateApiTokenRequest, TCreatedApiToken } from "./tokens.types";
import { runWriteTransaction } from "../write-transaction";

/** Creates a service-account token and returns its secret, which is not stored and never shown again. */
export async function createApiToken(actor: SessionUser, input: TCreateApiTokenRequest, origin: string): Promise<TCreatedApiToken> {
  const { secret, prefix, secretHash } = generateTokenSecret();
  const scopes = [...new Set(input.scopes)].sort();
  const row = await runWriteTransaction(db, async (tx) => {
    const created = await tx.apiToken.create({ data: { name: input.name, prefix, secretHash, scopes: scopes.join(" "), createdById: actor.id } });
    await recordAuditEvent(tx, {
      actor: { userId: actor.id, role: actor.role },
      action: "api_token.created",
      entityType: "ApiToken",
      entityId: created.id,
      after: { name: created.name, prefix, scopes },
      origin,
    });
    return created;
  });
  return { token: toApiTokenView(row, { id: actor.id, name: actor.name }), secret };
}
