import "server-only";
import type { Exception } from "@prisma/client";
import { z } from "zod";
import type { Db } from "../db";
import { clusterOfIdentityKey, supplierCutOfIdentityKey } from "../plan-runs/engine-vocabulary";
import type { TApprovalTier } from "../../contracts/governance";
import type { TExceptionListItem, TExceptionStatus, TExceptionType } from "../../contracts/exceptions";

/**
 * Rows → list items with their location, product and assignee. Exception has no relations to those
 * tables (its place is denormalised for filtering), so they are read in three batched lookups.
 */
export async function toExceptionListItems(db: Db, rows: readonly Exception[]): Promise<TExceptionListItem[]> {
  if (rows.length === 0) return [];
  const unique = <T>(values: T[]) => [...new Set(values)];
  const assigneeIds = unique(rows.flatMap((row) => (row.assigneeId ? [row.assigneeId] : [])));
  const supplierCodes = unique(rows.flatMap((row) => supplierCutOfIdentityKey(row.identityKey)?.supplierCode ?? []));
  const [locations, products, assignees, suppliers] = await Promise.all([
    db.location.findMany({ where: { id: { in: unique(rows.map((r) => r.locationId)) } }, select: { id: true, code: true, name: true, region: true } }),
    db.product.findMany({ where: { id: { in: unique(rows.map((r) => r.productId)) } }, select: { id: true, sku: true, name: true, category: true } }),
    assigneeIds.length > 0 ? db.user.findMany({ where: { id: { in: assigneeIds } }, select: { id: true, name: true } }) : [],
    supplierCodes.length > 0 ? db.supplier.findMany({ where: { code: { in: supplierCodes } }, select: { code: true, name: true } }) : [],
  ]);
  const supplierNameByCode = new Map(suppliers.map((supplier) => [supplier.code, supplier.name]));
  const locationById = new Map(locations.map((l) => [l.id, l]));
  const productById = new Map(products.map((p) => [p.id, p]));
  const assigneeById = new Map(assignees.map((u) => [u.id, u]));
  return rows.map((row) => ({
    id: row.id,
    // Written only by the plan run through the vocabulary module: the closed sets hold.
    type: row.type as TExceptionType,
    status: row.status as TExceptionStatus,
    location: locationById.get(row.locationId) ?? { id: row.locationId, code: "?", name: "Unknown location", region: row.region },
    product: productById.get(row.productId) ?? { id: row.productId, sku: "?", name: "Unknown product", category: row.category },
    score: row.score,
    moneyAtRisk: row.moneyAtRisk,
    urgency: row.urgency,
    confidence: row.confidence,
    daysToImpact: row.daysToImpact,
    tierRequired: row.tierRequired as TApprovalTier | null,
    belowValueBar: row.belowValueBar === true,
    summary: row.summary,
    assignee: row.assigneeId ? (assigneeById.get(row.assigneeId) ?? null) : null,
    raisedAt: row.raisedAt.toISOString(),
    snoozedUntil: row.snoozedUntil?.toISOString() ?? null,
    version: row.version,
    storeGroup: exceptionStoreGroup(row),
    supplierOrderGroup: exceptionSupplierOrderGroup(row, (code) => supplierNameByCode.get(code)),
  }));
}

/**
 * A node's cuts of one supplier's open orders: its supplier (identity key, named by `supplierName`,
 * the code when unknown), its POs ("purchase-orders" driver), SKUs and lines (their drivers).
 */
export function exceptionSupplierOrderGroup(
  row: Pick<Exception, "identityKey" | "drivers">,
  supplierName: (code: string) => string | undefined,
): TExceptionListItem["supplierOrderGroup"] {
  const cut = supplierCutOfIdentityKey(row.identityKey);
  if (!cut) return null;
  const drivers = ZStoreCountDrivers.safeParse(safeJson(row.drivers));
  const driver = (key: string) => (drivers.success ? drivers.data.find((found) => found.key === key) : undefined);
  const reference = driver("purchase-orders")?.reference;
  return {
    supplier: { code: cut.supplierCode, name: supplierName(cut.supplierCode) ?? cut.supplierCode },
    purchaseOrders: typeof reference === "string" && reference !== "" ? reference.split(",") : [],
    skus: driver("skus")?.value ?? 0,
    lines: driver("lines")?.value ?? 0,
  };
}

/** A cluster's item: its region and cluster (identity key) and how many stores it lists (its "stores" driver). */
export function exceptionStoreGroup(row: Pick<Exception, "identityKey" | "drivers">): TExceptionListItem["storeGroup"] {
  const cluster = clusterOfIdentityKey(row.identityKey);
  if (!cluster) return null;
  const drivers = ZStoreCountDrivers.safeParse(safeJson(row.drivers));
  const stores = drivers.success ? (drivers.data.find((driver) => driver.key === "stores")?.value ?? 0) : 0;
  return { ...cluster, stores };
}

const ZStoreCountDrivers = z.array(z.object({ key: z.string(), value: z.number(), reference: z.string().optional() }).passthrough());

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}
