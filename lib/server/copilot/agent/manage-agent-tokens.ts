import "server-only";
import type { UserActor } from "../../actor";
import { userActor } from "../../actor";
import type { ApiToken } from "@prisma/client";
import { recordAuditEvent } from "../../audit/record-audit-event";
import type { Db } from "../../db";
import { notFound } from "../../app-error";
import { generateTokenSecret } from "../../tokens/token-secret";
import type { TAgentTokenView, TCreateAgentTokenRequest, TCreatedAgentToken } from "@/lib/copilot/agent-tokens.types";

const toView = (row: ApiToken): TAgentTokenView => ({
  id: row.id,
  name: row.name,
  prefix: row.prefix,
  createdAt: row.createdAt.toISOString(),
  lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
  revokedAt: row.revokedAt?.toISOString() ?? null,
});

/**
 * A token an AI assistant uses to act as the person who made it, over MCP: that person's role, scopes
 * and approval tier, nothing more. It carries no service-account scopes, so the integration
 * endpoints refuse it. The secret is returned once and only its hash is kept.
 */
export async function createAgentToken(db: Db, user: UserActor, input: TCreateAgentTokenRequest, origin: string): Promise<TCreatedAgentToken> {
  const { secret, prefix, secretHash } = generateTokenSecret();
  const row = await db.$transaction(async (tx) => {
    const created = await tx.apiToken.create({ data: { name: input.name, prefix, secretHash, scopes: "", createdById: user.id, userId: user.id } });
    await recordAuditEvent(tx, {
      actor: userActor(user, origin),
      action: "api_token.created",
      entityType: "ApiToken",
      entityId: created.id,
      after: { name: created.name, prefix, scopes: [], actsAsUserId: user.id },
    });
    return created;
  });
  return { token: toView(row), secret };
}

/** The person's own assistant tokens, newest first. */
export async function listAgentTokens(db: Db, user: UserActor): Promise<TAgentTokenView[]> {
  const rows = await db.apiToken.findMany({ where: { userId: user.id }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return rows.map(toView);
}

/** Revokes one of the person's own assistant tokens at once; someone else's answers 404. */
export async function revokeAgentToken(db: Db, user: UserActor, tokenId: string, origin: string): Promise<TAgentTokenView> {
  return db.$transaction(async (tx) => {
    const before = await tx.apiToken.findUnique({ where: { id: tokenId } });
    if (!before || before.userId !== user.id) throw notFound("This assistant token");
    if (before.revokedAt) return toView(before);
    const after = await tx.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date(), revokedById: user.id } });
    await recordAuditEvent(tx, {
      actor: userActor(user, origin),
      action: "api_token.revoked",
      entityType: "ApiToken",
      entityId: tokenId,
      before: { revokedAt: null },
      after: { revokedAt: after.revokedAt },
    });
    return toView(after);
  });
}
