import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { UserActor } from "../actor";
import type { Db } from "../db";
import { toApiTokenView } from "./api-token-view";
import { generateTokenSecret } from "./token-secret";
import type { TCreateApiTokenRequest, TCreatedApiToken } from "../../contracts/tokens";
import { runWriteTransaction } from "../write-transaction";

/** Creates a service-account token and returns its secret, which is not stored and never shown again. */
export async function createApiToken(db: Db, actor: UserActor, input: TCreateApiTokenRequest): Promise<TCreatedApiToken> {
  const { secret, prefix, secretHash } = generateTokenSecret();
  const scopes = [...new Set(input.scopes)].sort();
  const row = await runWriteTransaction(db, async (tx) => {
    const created = await tx.apiToken.create({ data: { name: input.name, prefix, secretHash, scopes: scopes.join(" "), createdById: actor.id } });
    await recordAuditEvent(tx, {
      actor,
      action: "api_token.created",
      entityType: "ApiToken",
      entityId: created.id,
      after: { name: created.name, prefix, scopes },
    });
    const creator = await tx.user.findUniqueOrThrow({ where: { id: actor.id }, select: { id: true, name: true } });
    return { created, creator };
  });
  return { token: toApiTokenView(row.created, row.creator), secret };
}
