import "server-only";
import type { Db } from "../db";
import type { ScopeOptions, UserListItem } from "../../contracts/users";

export async function listUsers(db: Db): Promise<UserListItem[]> {
  const rows = await db.user.findMany({ include: { scopes: { orderBy: [{ kind: "asc" }, { value: "asc" }] } }, orderBy: { email: "asc" } });
  const now = new Date();
  return rows.map((u) => ({
    id: u.id,
    email: u.email,
    name: u.name,
    role: u.role,
    active: u.active,
    scopes: u.scopes.map((s) => ({ kind: s.kind, value: s.value })),
    lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
    lockedUntil: u.lockedUntil && u.lockedUntil > now ? u.lockedUntil.toISOString() : null,
    failedLogins: u.failedLogins,
  }));
}

/** The values a scope may take, from the imported master data. */
export async function listScopeOptions(db: Db): Promise<ScopeOptions> {
  const [regions, stores, categories] = await Promise.all([
    db.location.findMany({ distinct: ["region"], select: { region: true }, orderBy: { region: "asc" } }),
    db.location.findMany({ where: { type: "STORE" }, select: { code: true, name: true, region: true }, orderBy: { code: "asc" } }),
    db.product.findMany({ distinct: ["category"], select: { category: true }, orderBy: { category: "asc" } }),
  ]);
  return { REGION: regions.map((r) => r.region), STORE: stores, CATEGORY: categories.map((c) => c.category) };
}
