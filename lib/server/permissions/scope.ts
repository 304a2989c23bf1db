import "server-only";
import type { Prisma } from "@prisma/client";
import { isRole, ROLE_DEFINITIONS, type Scope, type ScopedActor, type ScopeKind } from "../../contracts/permissions";

/** Matches no row: Prisma's `in: []` is always false. */
const NOTHING = { id: { in: [] as number[] } } as const;

function valuesOf(scopes: readonly Scope[], kind: ScopeKind): string[] {
  return [...new Set(scopes.filter((s) => s.kind === kind).map((s) => s.value))].sort();
}

/**
 * Prisma `where` fragment for the locations the actor may see. Global roles see all; a role
 * restricted by location sees the union of its REGION and STORE scopes; with neither, nothing.
 * Unknown roles see nothing.
 */
export function locationScopeWhere(actor: ScopedActor): Prisma.LocationWhereInput {
  if (!isRole(actor.role)) return NOTHING;
  const reach = ROLE_DEFINITIONS[actor.role].reach;
  if (reach === "global" || !reach.locations) return {};
  const regions = valuesOf(actor.scopes, "REGION");
  const stores = valuesOf(actor.scopes, "STORE");
  const or: Prisma.LocationWhereInput[] = [];
  if (regions.length > 0) or.push({ region: { in: regions } });
  if (stores.length > 0) or.push({ code: { in: stores } });
  if (or.length === 0) return NOTHING;
  return or.length === 1 ? or[0]! : { OR: or };
}

/**
 * Prisma `where` fragment for the products the actor may see: CATEGORY scopes for roles
 * restricted by product, everything for the others, nothing for a restricted role without scopes.
 */
export function productScopeWhere(actor: ScopedActor): Prisma.ProductWhereInput {
  if (!isRole(actor.role)) return NOTHING;
  const reach = ROLE_DEFINITIONS[actor.role].reach;
  if (reach === "global" || !reach.products) return {};
  const categories = valuesOf(actor.scopes, "CATEGORY");
  if (categories.length === 0) return NOTHING;
  return { category: { in: categories } };
}

/** Both fragments at once, for queries over location × product series. */
export function scopeWhere(actor: ScopedActor): {
  location: Prisma.LocationWhereInput;
  product: Prisma.ProductWhereInput;
} {
  return { location: locationScopeWhere(actor), product: productScopeWhere(actor) };
}
