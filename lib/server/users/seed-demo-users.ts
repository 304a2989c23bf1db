import "server-only";
import bcrypt from "bcryptjs";
import type { Db } from "../db";
import { SYSTEM_ACTOR } from "../actor";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { Role } from "../../contracts/permissions";
import { DEMO_PASSWORD, DEMO_USERS } from "../../demo/demo-accounts";
import type { Scope } from "../../contracts/permissions";


export type DemoScopes = Partial<Record<Role, Scope[]>>;

/**
 * Scopes that fit whatever network is in the database: the planner gets the region with the most
 * stores and the first two categories, the store manager two stores of that region, the buyer
 * the first two categories. Empty when no data has been imported yet.
 */
export async function deriveDemoScopes(db: Db): Promise<DemoScopes> {
  const stores = await db.location.findMany({ where: { type: "STORE" }, select: { code: true, region: true }, orderBy: { code: "asc" } });
  const categories = (
    await db.product.findMany({ distinct: ["category"], select: { category: true }, orderBy: { category: "asc" } })
  ).map((c) => c.category);
  const byRegion = new Map<string, string[]>();
  for (const s of stores) byRegion.set(s.region, [...(byRegion.get(s.region) ?? []), s.code]);
  const [region, codes] = [...byRegion.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))[0] ?? [];
  const twoCategories = categories.slice(0, 2).map((value) => ({ kind: "CATEGORY" as const, value }));
  return {
    planner: [...(region ? [{ kind: "REGION" as const, value: region }] : []), ...twoCategories],
    buyer: twoCategories,
    store_manager: (codes ?? []).slice(0, 2).map((value) => ({ kind: "STORE" as const, value })),
  };
}

/**
 * Creates one demo user per role (idempotent: existing users keep their role and password).
 * A demo user without any scope gets the given scopes, or ones derived from the imported data,
 * so running this before or after the demo import both end with working scopes.
 */
export async function seedDemoUsers(db: Db, options: { scopes?: DemoScopes } = {}) {
  const scopes = options.scopes ?? (await deriveDemoScopes(db));
  const passwordHash = await bcrypt.hash(DEMO_PASSWORD, 10);
  let created = 0;
  let scoped = 0;
  for (const demo of DEMO_USERS) {
    await db.$transaction(async (tx) => {
      let user = await tx.user.findUnique({ where: { email: demo.email }, include: { scopes: true } });
      const actor = { ...SYSTEM_ACTOR, origin: "cli" };
      if (!user) {
        user = await tx.user.create({ data: { ...demo, passwordHash }, include: { scopes: true } });
        created += 1;
        await recordAuditEvent(tx, {
          actor,
          action: "user.created",
          entityType: "User",
          entityId: user.id,
          after: { email: demo.email, name: demo.name, role: demo.role, source: "demo seed" },
        });
      }
      const wanted = scopes[demo.role] ?? [];
      if (user.scopes.length === 0 && wanted.length > 0) {
        await tx.userScope.createMany({ data: wanted.map((s) => ({ userId: user.id, kind: s.kind, value: s.value })) });
        scoped += 1;
        await recordAuditEvent(tx, {
          actor,
          action: "user.updated",
          entityType: "User",
          entityId: user.id,
          before: { scopes: [] },
          after: { scopes: wanted },
          reason: "demo seed",
        });
      }
    });
  }
  return { created, scoped };
}
