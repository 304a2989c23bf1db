import "server-only";
import type { Prisma } from "@prisma/client";
import type { Db } from "../db";
import { hasGlobalReach, type ScopedActor } from "../../contracts/permissions";
import { locationScopeWhere, productScopeWhere } from "../permissions/scope";
import type { Crumb, KpiDashboard, TKpiQuery } from "../../contracts/kpis";

export interface KpiSegment {
  level: KpiDashboard["level"];
  breakdownLevel: KpiDashboard["breakdownLevel"];
  crumbs: Crumb[];
  /** Locations in the segment (after region, store and channel); with their labels. */
  locations: { id: number; code: string; name: string; region: string }[];
  category?: string;
  /** Categories the segment may cover: the chosen one, else all the actor may see. */
  categoryWhere: string | { in: string[] };
  /** At category level with a location: the SKUs of the category (for the SKU breakdown). */
  products: { id: number; sku: string; name: string }[];
  productId?: number;
  regions: string[];
  categories: string[];
  /**
   * The segment's series as a filter on rows keyed by location, category and product: its exceptions
   * and recommendations, and the plan runs' drift record. Empty for a global reader's whole network.
   */
  seriesWhere: { locationId?: { in: number[] }; category?: string | { in: string[] }; productId?: number };
  /** Exceptions and recommendations of the segment: seriesWhere, plus the segment's DCs when both channels are shown (as in the queue). */
  exceptionWhere: Prisma.ExceptionWhereInput;
}

/** Query string for a drill position, keeping the filters (period, channel). */
export function drillQuery(query: TKpiQuery, position: Partial<Pick<TKpiQuery, "region" | "location" | "category" | "sku">>): string {
  const params = new URLSearchParams();
  if (query.period !== 28) params.set("period", String(query.period));
  if (query.channel !== "all") params.set("channel", query.channel);
  for (const key of ["region", "location", "category", "sku"] as const) {
    const value = position[key];
    if (value) params.set(key, value);
  }
  return params.toString();
}

const CHANNEL_TYPES: Record<TKpiQuery["channel"], string[]> = { all: ["STORE", "ECOM"], stores: ["STORE"], online: ["ECOM"] };

/**
 * Turns the URL's drill position and filters into the locations, category and SKU of the segment,
 * its breadcrumb and the next level to break down by: region → location → category → SKU. DCs hold
 * stock but sell nothing, so service figures cover stores and the online node (the channels).
 */
export async function resolveKpiSegment(db: Db, query: TKpiQuery, actor: ScopedActor): Promise<KpiSegment> {
  const [scopeLocations, categoryRows] = await Promise.all([
    db.location.findMany({ where: locationScopeWhere(actor), select: { id: true, code: true, name: true, region: true, type: true }, orderBy: { code: "asc" } }),
    db.product.findMany({ where: productScopeWhere(actor), distinct: ["category"], select: { category: true }, orderBy: { category: "asc" } }),
  ]);
  const allLocations = scopeLocations.filter((l) => CHANNEL_TYPES[query.channel].includes(l.type)).map((l) => ({ id: l.id, code: l.code, name: l.name, region: l.region }));
  const regions = [...new Set(allLocations.map((l) => l.region))].sort();
  const categories = categoryRows.map((c) => c.category);
  let locations = allLocations;
  if (query.region) locations = locations.filter((l) => l.region === query.region);
  const location = query.location ? locations.find((l) => l.code === query.location) : undefined;
  if (query.location) locations = location ? [location] : [];
  // Exceptions of both channels include the DCs' (a supplier delay, an excess at the DC), as the
  // queue does: without them a scoped planner's dashboard counted 4 open exceptions beside a queue of 10.
  const exceptionLocations =
    query.channel === "all" && !query.location ? scopeLocations.filter((l) => !query.region || l.region === query.region) : locations;
  // An unknown category or SKU is kept as asked: the segment is then simply empty, never widened.
  const category = query.category;
  // A category outside the actor's scope matches nothing, like an unknown one.
  const categoryWhere = category ? (categories.includes(category) ? category : { in: [] }) : { in: categories };

  const products =
    location && category
      ? await db.product.findMany({ where: { category: categoryWhere }, select: { id: true, sku: true, name: true }, orderBy: { sku: "asc" } })
      : [];
  const product = query.sku ? products.find((p) => p.sku === query.sku) : undefined;

  const crumbs: Crumb[] = [{ label: "Network", query: drillQuery(query, {}) }];
  if (query.region) crumbs.push({ label: query.region, query: drillQuery(query, { region: query.region }) });
  if (location) crumbs.push({ label: location.name, query: drillQuery(query, { region: query.region, location: location.code }) });
  if (query.category) crumbs.push({ label: query.category, query: drillQuery(query, { region: query.region, location: query.location, category: query.category }) });
  if (product) crumbs.push({ label: product.sku, query: drillQuery(query, { ...query }) });

  const level: KpiSegment["level"] = product ? "sku" : location && query.category ? "category" : location ? "location" : query.region ? "region" : "network";
  const breakdownLevel: KpiSegment["breakdownLevel"] = product ? null : location && query.category ? "sku" : location ? "category" : query.region ? "location" : "region";

  // The whole network for a global reader: no filter, so the workflow counts use their status indexes.
  const seriesWhere: KpiSegment["seriesWhere"] =
    level === "network" && query.channel === "all" && hasGlobalReach(actor.role)
      ? {}
      : {
          locationId: { in: locations.map((l) => l.id) },
          category: categoryWhere,
          ...(product ? { productId: product.id } : query.sku ? { productId: -1 } : {}),
        };
  const exceptionWhere: Prisma.ExceptionWhereInput =
    "locationId" in seriesWhere ? { ...seriesWhere, locationId: { in: exceptionLocations.map((l) => l.id) } } : seriesWhere;
  return {
    level,
    breakdownLevel,
    crumbs,
    locations,
    category,
    categoryWhere,
    products: product ? [product] : products,
    productId: product?.id ?? (query.sku ? -1 : undefined),
    regions,
    categories,
    seriesWhere,
    exceptionWhere,
  };
}
