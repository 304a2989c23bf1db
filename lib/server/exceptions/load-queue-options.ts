import "server-only";
import type { SessionUser } from "../../contracts/auth";
import type { QueueOptions } from "../../contracts/exceptions";
import { can, ROLES } from "../../contracts/permissions";
import type { Db } from "../db";
import { locationScopeWhere, productScopeWhere } from "../permissions/scope";

/**
 * Values the queue's filters offer, limited to the user's scope so a store manager is not shown
 * stores they cannot open. The server scopes the list itself; this only keeps the menus honest.
 */
export async function loadQueueOptions(db: Db, user: SessionUser): Promise<QueueOptions> {
  const [locations, products, people] = await Promise.all([
    db.location.findMany({
      where: { AND: [locationScopeWhere(user), { type: { not: "DC" } }] },
      select: { code: true, name: true, region: true },
      orderBy: { code: "asc" },
    }),
    db.product.findMany({
      where: productScopeWhere(user),
      distinct: ["category", "supplierId"],
      select: { category: true, supplier: { select: { code: true, name: true } } },
    }),
    loadAssignablePeople(db, user),
  ]);
  const suppliers = new Map(products.map((p) => [p.supplier.code, p.supplier.name]));
  return {
    regions: [...new Set(locations.map((l) => l.region))].sort(),
    locations: locations.map((l) => ({ value: l.code, label: `${l.code} · ${l.name}` })),
    categories: [...new Set(products.map((p) => p.category))].sort(),
    suppliers: [...suppliers].map(([code, name]) => ({ value: code, label: name })).sort((a, b) => a.label.localeCompare(b.label)),
    people,
  };
}

/** Colleagues who may triage (and so be assigned) exceptions; the server still checks the assignee. */
export async function loadAssignablePeople(db: Db, user: SessionUser): Promise<{ id: string; name: string }[]> {
  const triageRoles = ROLES.filter((role) => can(role, "exceptions.triage"));
  return db.user.findMany({
    where: { active: true, role: { in: triageRoles }, id: { not: user.id } },
    select: { id: true, name: true },
    orderBy: { name: "asc" },
  });
}
