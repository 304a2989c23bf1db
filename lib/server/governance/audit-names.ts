import "server-only";
import type { Db } from "../db";
import { AUDIT_ID_FIELDS, nameKey } from "../../contracts/audit-names";
import { ACTION_TYPE_LABEL, ZActionType } from "../../contracts/governance";
import { formatDate, formatInt } from "../../contracts/format";

type NamedKind = (typeof AUDIT_ID_FIELDS)[keyof typeof AUDIT_ID_FIELDS];

/** Audit entity types whose id is opaque; a purchase order's entity id is already its PO number. */
const NAMED_ENTITY_TYPES = new Set<string>(["Product", "Location", "Supplier", "User", "Exception", "Recommendation"]);
/** Records without a name of their own, described by what they cover instead of their opaque id. */
const DESCRIBED_ENTITY_TYPES = new Set(["PlanRun", "ImportBatch"]);


function collectIds(value: unknown, into: Map<NamedKind, Set<string>>) {
  if (Array.isArray(value)) {
    for (const item of value) collectIds(item, into);
    return;
  }
  if (typeof value !== "object" || value === null) return;
  for (const [key, child] of Object.entries(value)) {
    const kind = (AUDIT_ID_FIELDS as Record<string, NamedKind>)[key];
    if (kind && (typeof child === "string" || typeof child === "number")) {
      const ids = into.get(kind) ?? new Set<string>();
      ids.add(String(child));
      into.set(kind, ids);
    } else collectIds(child, into);
  }
}

const numericIds = (ids: Set<string> | undefined) => [...(ids ?? [])].map(Number).filter(Number.isInteger);
const textIds = (ids: Set<string> | undefined) => [...(ids ?? [])];

/**
 * Readable names for the records audit rows point at — their entity and any id inside their
 * before/after values (product, location, supplier, person, exception, action) — so the log reads
 * "Urban sheets teal at North Park 5" instead of "productId 63". Missing records are left out; the
 * page then shows the id.
 */
export async function loadAuditNames(db: Db, rows: readonly { entityType: string; entityId: string | null; before: unknown; after: unknown }[]): Promise<Record<string, string>> {
  const ids = new Map<NamedKind, Set<string>>();
  const described = { PlanRun: new Set<string>(), ImportBatch: new Set<string>() };
  for (const row of rows) {
    if (row.entityId && DESCRIBED_ENTITY_TYPES.has(row.entityType)) described[row.entityType as keyof typeof described].add(row.entityId);
    collectIds(row.before, ids);
    collectIds(row.after, ids);
    if (row.entityId && NAMED_ENTITY_TYPES.has(row.entityType)) {
      const kind = row.entityType as NamedKind;
      const set = ids.get(kind) ?? new Set<string>();
      set.add(row.entityId);
      ids.set(kind, set);
    }
  }
  const [exceptions, recommendations, planRuns, imports] = await Promise.all([
    db.exception.findMany({ where: { id: { in: textIds(ids.get("Exception")) } }, select: { id: true, productId: true, locationId: true } }),
    db.recommendation.findMany({
      where: { id: { in: textIds(ids.get("Recommendation")) } },
      select: { id: true, actionType: true, exception: { select: { productId: true, locationId: true } } },
    }),
    db.planRun.findMany({ where: { id: { in: [...described.PlanRun] } }, select: { id: true, asOf: true } }),
    db.importBatch.findMany({ where: { id: { in: [...described.ImportBatch] } }, select: { id: true, startedAt: true, rowsTotal: true } }),
  ]);
  const productIds = new Set([...numericIds(ids.get("Product")), ...exceptions.map((e) => e.productId), ...recommendations.map((r) => r.exception.productId)]);
  const locationIds = new Set([...numericIds(ids.get("Location")), ...exceptions.map((e) => e.locationId), ...recommendations.map((r) => r.exception.locationId)]);
  const [products, locations, suppliers, users] = await Promise.all([
    db.product.findMany({ where: { id: { in: [...productIds] } }, select: { id: true, name: true, sku: true } }),
    db.location.findMany({ where: { id: { in: [...locationIds] } }, select: { id: true, name: true, code: true } }),
    db.supplier.findMany({ where: { id: { in: numericIds(ids.get("Supplier")) } }, select: { id: true, name: true } }),
    db.user.findMany({ where: { id: { in: textIds(ids.get("User")) } }, select: { id: true, name: true } }),
  ]);
  const names: Record<string, string> = {};
  const productName = new Map(products.map((p) => [p.id, `${p.name} (${p.sku})`]));
  const locationName = new Map(locations.map((l) => [l.id, l.name]));
  const place = (productId: number, locationId: number) => `${productName.get(productId) ?? `product ${productId}`} at ${locationName.get(locationId) ?? `location ${locationId}`}`;
  for (const [id, name] of productName) names[nameKey("Product", id)] = name;
  for (const l of locations) names[nameKey("Location", l.id)] = `${l.name} (${l.code})`;
  for (const s of suppliers) names[nameKey("Supplier", s.id)] = s.name;
  for (const u of users) names[nameKey("User", u.id)] = u.name;
  for (const e of exceptions) names[nameKey("Exception", e.id)] = place(e.productId, e.locationId);
  for (const r of recommendations) {
    const action = ZActionType.safeParse(r.actionType);
    names[nameKey("Recommendation", r.id)] = `${action.success ? ACTION_TYPE_LABEL[action.data] : "Action"} · ${place(r.exception.productId, r.exception.locationId)}`;
  }
  for (const run of planRuns) names[nameKey("PlanRun", run.id)] = `Plan for ${formatDate(run.asOf.toISOString())}`;
  for (const batch of imports) names[nameKey("ImportBatch", batch.id)] = `Import of ${formatDate(batch.startedAt.toISOString())} · ${formatInt(batch.rowsTotal)} rows`;
  return names;
}
