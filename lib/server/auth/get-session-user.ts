import "server-only";
import { cache } from "react";
import { getServerSession } from "next-auth";
import { db } from "../db";
import { isRole } from "../permissions/permissions";
import { SCOPE_KINDS, type ScopeKind } from "../permissions/scope";
import { authOptions } from "./auth-options";
import type { SessionUser } from "./session-user.types";

const isScopeKind = (k: string): k is ScopeKind => (SCOPE_KINDS as readonly string[]).includes(k);

/**
 * The signed-in user, or null. The session token only names the user; role, scopes and the
 * active flag are read from the database on every request, so an admin's change (or a
 * deactivation) takes effect at once rather than when the token expires.
 */
export const getSessionUser = cache(async (): Promise<SessionUser | null> => {
  const session = await getServerSession(authOptions());
  const userId = session?.user?.id;
  if (!userId) return null;
  const row = await db.user.findUnique({ where: { id: userId }, include: { scopes: true } });
  if (!row || !row.active || !isRole(row.role)) return null;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    scopes: row.scopes.flatMap((s) => (isScopeKind(s.kind) ? [{ kind: s.kind, value: s.value }] : [])),
  };
});
