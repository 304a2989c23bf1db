import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { db, type Db } from "../db";
import { isRole, SCOPE_KINDS, type ScopeKind } from "../../contracts/permissions";
import { authOptions } from "./auth-options";
import type { SessionUser } from "../../contracts/auth";

const isScopeKind = (k: string): k is ScopeKind => (SCOPE_KINDS as readonly string[]).includes(k);

/**
 * The signed-in user, or null. The session token only names the user; role, scopes and the
 * active flag are read from the database on every request, so an admin's change (or a
 * deactivation) takes effect at once rather than when the token expires. A token issued before
 * the user's sessions were revoked (sign-out, password, role, scope or active change) carries an
 * older session version and is refused.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions());
  return session?.user ? loadSessionUser(db, session.user) : null;
});

/** The user a valid session names, or null when it is inactive, unknown or its sessions were revoked since. */
export async function loadSessionUser(client: Db, claims: { id: string; sessionVersion?: number }): Promise<SessionUser | null> {
  if (!claims.id) return null;
  const row = await client.user.findUnique({ where: { id: claims.id }, include: { scopes: true } });
  if (!row || !row.active || !isRole(row.role) || row.sessionVersion !== (claims.sessionVersion ?? 0)) return null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    scopes: row.scopes.flatMap((s) => (isScopeKind(s.kind) ? [{ kind: s.kind, value: s.value }] : [])),
  };
}
