import "server-only";
import type { CopilotCatalog } from "@/lib/copilot/copilot.types";
import { buildEntityIndex, type EntityIndex } from "@/lib/copilot/entity-index";
import { databaseUrl } from "../../../prisma/database-url";
import type { Db } from "../db";

export interface CatalogLocation {
  id: number;
  code: string;
  name: string;
  region: string;
  type: string;
}

export interface CatalogProduct {
  id: number;
  sku: string;
  name: string;
  category: string;
  supplierId: number;
}

export interface CatalogSupplier {
  id: number;
  code: string;
  name: string;
}

/** The whole network's master data, indexed for linking; answers apply the asker's scope themselves. */
export interface LoadedCatalog {
  catalog: CopilotCatalog;
  index: EntityIndex;
  locationsByCode: Map<string, CatalogLocation>;
  locationsById: Map<number, CatalogLocation>;
  productsBySku: Map<string, CatalogProduct>;
  productsById: Map<number, CatalogProduct>;
  suppliersByCode: Map<string, CatalogSupplier>;
  suppliersById: Map<number, CatalogSupplier>;
}

interface CacheEntry {
  signature: string;
  loaded: LoadedCatalog;
}

const globalCache = globalThis as unknown as { stockpilotCopilotCatalog?: CacheEntry };

/**
 * What changes the catalog: any master-data row added or updated. One cheap aggregate per table
 * tells whether the cached index is still current, so an import is seen on the next question.
 */
async function catalogSignature(db: Db): Promise<string> {
  const [locations, products, suppliers, promotions] = await Promise.all([
    db.location.aggregate({ _count: { _all: true }, _max: { updatedAt: true } }),
    db.product.aggregate({ _count: { _all: true }, _max: { updatedAt: true } }),
    db.supplier.aggregate({ _count: { _all: true }, _max: { updatedAt: true } }),
    db.promotion.aggregate({ _count: { _all: true }, _max: { updatedAt: true } }),
  ]);
  const tables = [locations, products, suppliers, promotions].map((a) => `${a._count._all}@${a._max.updatedAt?.getTime() ?? 0}`);
  return [databaseUrl(), ...tables].join("|");
}

async function loadCatalog(db: Db): Promise<LoadedCatalog> {
  const [locations, products, suppliers, promotions] = await Promise.all([
    db.location.findMany({ select: { id: true, code: true, name: true, region: true, type: true }, orderBy: { code: "asc" } }),
    db.product.findMany({ select: { id: true, sku: true, name: true, category: true, supplierId: true }, orderBy: { sku: "asc" } }),
    db.supplier.findMany({ select: { id: true, code: true, name: true }, orderBy: { code: "asc" } }),
    db.promotion.findMany({ select: { code: true, name: true }, orderBy: { code: "asc" } }),
  ]);
  const catalog: CopilotCatalog = {
    locations,
    products,
    suppliers,
    promotions,
    regions: [...new Set(locations.map((l) => l.region))].sort(),
    categories: [...new Set(products.map((p) => p.category))].sort(),
  };
  return {
    catalog,
    index: buildEntityIndex(catalog),
    locationsByCode: new Map(locations.map((l) => [l.code, l])),
    locationsById: new Map(locations.map((l) => [l.id, l])),
    productsBySku: new Map(products.map((p) => [p.sku, p])),
    productsById: new Map(products.map((p) => [p.id, p])),
    suppliersByCode: new Map(suppliers.map((s) => [s.code, s])),
    suppliersById: new Map(suppliers.map((s) => [s.id, s])),
  };
}

/** The catalog and its index, rebuilt only when master data changed since the last question. */
export async function loadCopilotCatalog(db: Db): Promise<LoadedCatalog> {
  const signature = await catalogSignature(db);
  const cached = globalCache.stockpilotCopilotCatalog;
  if (cached?.signature === signature) return cached.loaded;
  const loaded = await loadCatalog(db);
  globalCache.stockpilotCopilotCatalog = { signature, loaded };
  return loaded;
}
