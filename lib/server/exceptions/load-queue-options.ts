import "server-only";
import type { SessionUser } from "../../contracts/auth";
import type { QueueOption, QueueOptions } from "../../contracts/exceptions";
import { forecastMethodLabel } from "../../contracts/forecast-methods";
import { canonicalMethod } from "../../engine/kpis/canonical-method";
import { findDriftRecordRun } from "../kpis/load-drift-record";
import { can, ROLES } from "../../contracts/permissions";
import type { Db } from "../db";
import { locationScopeWhere, productScopeWhere } from "../permissions/scope";

/**
 * Values the queue's filters offer, limited to the user's scope so a store manager is not shown
 * stores they cannot open. The server scopes the list itself; this only keeps the menus honest.
 * `requested` is the URL's SKU and model filters: the SKU filter offers only the products it names, by
 * name (there are too many SKUs to offer them all); the model filter offers the models drifting in the
 * latest drift record in the scope, and names a requested one even when it no longer drifts there.
 */
export async function loadQueueOptions(db: Db, user: SessionUser, requested: { skus: readonly string[]; models: readonly string[] } = { skus: [], models: [] }): Promise<QueueOptions> {
  const [locations, products, skus, people] = await Promise.all([
    db.location.findMany({
      where: locationScopeWhere(user),
      select: { id: true, code: true, name: true, region: true, type: true },
      orderBy: { code: "asc" },
    }),
    db.product.findMany({
      where: productScopeWhere(user),
      distinct: ["category", "supplierId"],
      select: { category: true, supplier: { select: { code: true, name: true } } },
    }),
    requested.skus.length > 0
      ? db.product.findMany({ where: { AND: [productScopeWhere(user), { sku: { in: [...requested.skus] } }] }, select: { sku: true, name: true }, orderBy: { name: "asc" } })
      : [],
    loadAssignablePeople(db, user),
  ]);
  const categories = [...new Set(products.map((p) => p.category))].sort();
  const suppliers = new Map(products.map((p) => [p.supplier.code, p.supplier.name]));
  const stores = locations.filter((l) => l.type !== "DC");
  return {
    regions: [...new Set(stores.map((l) => l.region))].sort(),
    locations: stores.map((l) => ({ value: l.code, label: `${l.code} · ${l.name}` })),
    categories,
    skus: skus.map((p) => ({ value: p.sku, label: `${p.name} (${p.sku})` })),
    models: await loadDriftModels(db, locations.map((l) => l.id), categories, requested.models),
    suppliers: [...suppliers].map(([code, name]) => ({ value: code, label: name })).sort((a, b) => a.label.localeCompare(b.label)),
    people,
  };
}

/** The models drifting in the latest drift record at these locations and categories (the user's scope), and the requested ones, in words. */
async function loadDriftModels(db: Db, locationIds: number[], categories: string[], requested: readonly string[]): Promise<QueueOption[]> {
  const run = await findDriftRecordRun(db);
  const rows = run
    ? await db.planRunDriftFinding.findMany({
        where: { planRunId: run.id, locationId: { in: locationIds }, category: { in: categories } },
        distinct: ["method"],
        select: { method: true },
      })
    : [];
  const models = [...new Set([...rows.map((row) => canonicalMethod(row.method)), ...requested])];
  return models.map((model) => ({ value: model, label: forecastMethodLabel(model) })).sort((a, b) => a.label.localeCompare(b.label));
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
