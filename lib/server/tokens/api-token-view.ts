import "server-only";
import type { ApiToken } from "@prisma/client";
import { isTokenScope, type TokenScope } from "../../contracts/tokens";
import type { TApiTokenView } from "../../contracts/tokens";

export function parseTokenScopes(text: string): TokenScope[] {
  return text.split(" ").filter(isTokenScope);
}

/** The public shape of a token row: everything except the hash. */
export function toApiTokenView(row: ApiToken, createdBy: { id: string; name: string } | null): TApiTokenView {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    scopes: parseTokenScopes(row.scopes),
    createdBy,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}
