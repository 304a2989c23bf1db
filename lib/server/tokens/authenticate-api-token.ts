import "server-only";
import type { Db } from "../db";
import { AppError } from "../app-error";
import { parseTokenScopes } from "./api-token-view";
import { tokenBuckets, type TokenBuckets } from "./token-rate-limit";
import type { TokenScope } from "../../contracts/tokens";
import { hashTokenSecret, TOKEN_PREFIX } from "./token-secret";

export interface TokenPrincipal {
  tokenId: string;
  tokenName: string;
  scopes: TokenScope[];
}

/** lastUsedAt is for people ("is this token still in use?"): minute precision spares a write per request. */
const LAST_USED_RESOLUTION_MS = 60_000;

/** The bearer secret of a Stockpilot token, or null when the request carries none. */
export function bearerTokenOf(request: Request): string | null {
  const header = request.headers.get("authorization");
  if (!header) return null;
  const match = /^Bearer\s+(\S+)$/i.exec(header.trim());
  return match?.[1]?.startsWith(TOKEN_PREFIX) ? match[1] : null;
}

/**
 * Checks a bearer token for one scope: unknown or revoked → 401, missing scope → 403, over its
 * rate → 429 with Retry-After. The rate is counted before the scope check, so probing for scopes
 * costs the same as using them.
 */
export async function authenticateApiToken(db: Db, secret: string, scope: TokenScope, limiter: TokenBuckets = tokenBuckets(db)): Promise<TokenPrincipal> {
  const row = await db.apiToken.findUnique({ where: { secretHash: hashTokenSecret(secret) } });
  if (!row || row.revokedAt) throw new AppError("UNAUTHENTICATED", "The API token is not valid or was revoked.");
  const rate = await limiter.take(row.id);
  if (!rate.allowed) {
    throw new AppError("RATE_LIMITED", "Too many requests with this API token; retry later.", { retryAfterSeconds: rate.retryAfterSeconds });
  }
  const scopes = parseTokenScopes(row.scopes);
  if (!scopes.includes(scope)) throw new AppError("FORBIDDEN", `This API token lacks the scope "${scope}".`);
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() >= LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { tokenId: row.id, tokenName: row.name, scopes };
}
