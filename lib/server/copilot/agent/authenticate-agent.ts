import "server-only";
import type { UserActor } from "../../actor";
import type { Db } from "../../db";
import { AppError } from "../../app-error";
import { isRole } from "../../../contracts/permissions";
import { SCOPE_KINDS, type Scope, type ScopeKind } from "../../../contracts/permissions";
import { tokenBuckets, type TokenBuckets } from "../../tokens/token-rate-limit";
import { hashTokenSecret } from "../../tokens/token-secret";

/** An AI assistant acting for a person: who, and through which token (recorded as the audit origin). */
export interface AgentPrincipal {
  user: UserActor & { name: string; email: string };
  token: { id: string; name: string; prefix: string };
  /** "agent via token sp_1a2b3c4d (Claude on my laptop)" — every change it makes is audited with this. */
  origin: string;
}

const LAST_USED_RESOLUTION_MS = 60_000;
const isScopeKind = (k: string): k is ScopeKind => (SCOPE_KINDS as readonly string[]).includes(k);

/**
 * Resolves an assistant token to its person on every call: revoked or unknown → 401; a service
 * account's token (no person) → 403; a deactivated person → 401. Role and scopes are read fresh, so
 * an admin's change applies to the agent at once, as it does to the person's own session.
 */
export async function authenticateAgent(db: Db, secret: string, limiter: TokenBuckets = tokenBuckets(db)): Promise<AgentPrincipal> {
  const row = await db.apiToken.findUnique({ where: { secretHash: hashTokenSecret(secret) } });
  if (!row || row.revokedAt) throw new AppError("UNAUTHENTICATED", "The API token is not valid or was revoked.");
  const rate = await limiter.take(row.id);
  if (!rate.allowed) throw new AppError("RATE_LIMITED", "Too many requests with this API token; retry later.", { retryAfterSeconds: rate.retryAfterSeconds });
  if (!row.userId) throw new AppError("FORBIDDEN", "This token belongs to a service account, not a person; an assistant needs a personal assistant token.");
  const user = await db.user.findUnique({ where: { id: row.userId }, include: { scopes: true } });
  if (!user || !user.active || !isRole(user.role)) throw new AppError("UNAUTHENTICATED", "The person this token acts for is no longer active.");
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  const scopes: Scope[] = user.scopes.flatMap((s) => (isScopeKind(s.kind) ? [{ kind: s.kind, value: s.value }] : []));
  return {
    user: { id: user.id, role: user.role, scopes, name: user.name, email: user.email },
    token: { id: row.id, name: row.name, prefix: row.prefix },
    origin: `agent via token ${row.prefix} (${row.name})`,
  };
}
