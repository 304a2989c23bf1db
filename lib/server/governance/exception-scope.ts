import "server-only";
import type { Prisma } from "@prisma/client";
import { isRole, ROLE_DEFINITIONS } from "../../contracts/permissions";
import type { Scope } from "../../contracts/permissions";

/** Where an exception sits in the business, the dimensions UserScope rows restrict. */
export interface ExceptionPlace {
  region: string;
  locationCode: string;
  category: string;
}

interface ScopedRole {
  role: string;
  scopes: readonly Scope[];
}

const valuesOf = (scopes: readonly Scope[], kind: Scope["kind"]) => scopes.filter((s) => s.kind === kind).map((s) => s.value);

/**
 * True when the actor's scopes cover the exception: a location-restricted role needs its region or
 * store, a product-restricted role its category; global roles reach everything. Fails closed for
 * unknown roles and for restricted roles without scope rows, like the query fragments in
 * lib/server/permissions/scope.ts.
 */
export function isExceptionInScope(actor: ScopedRole, place: ExceptionPlace): boolean {
  if (!isRole(actor.role)) return false;
  const reach = ROLE_DEFINITIONS[actor.role].reach;
  if (reach === "global") return true;
  if (reach.locations) {
    const inRegion = valuesOf(actor.scopes, "REGION").includes(place.region);
    const inStore = valuesOf(actor.scopes, "STORE").includes(place.locationCode);
    if (!inRegion && !inStore) return false;
  }
  if (reach.products && !valuesOf(actor.scopes, "CATEGORY").includes(place.category)) return false;
  return true;
}

/** Matches no exception: Prisma's `in: []` is always false. */
const NO_EXCEPTION: Prisma.ExceptionWhereInput = { id: { in: [] } };

/**
 * The same rule as a Prisma `where` on Exception, for lists. Exception has no relation to
 * Location, so STORE scopes arrive already resolved to location ids.
 */
export function exceptionScopeWhere(actor: ScopedRole, storeLocationIds: readonly number[]): Prisma.ExceptionWhereInput {
  if (!isRole(actor.role)) return NO_EXCEPTION;
  const reach = ROLE_DEFINITIONS[actor.role].reach;
  if (reach === "global") return {};
  const and: Prisma.ExceptionWhereInput[] = [];
  if (reach.locations) {
    const regions = valuesOf(actor.scopes, "REGION");
    const or: Prisma.ExceptionWhereInput[] = [];
    if (regions.length > 0) or.push({ region: { in: regions } });
    if (storeLocationIds.length > 0) or.push({ locationId: { in: [...storeLocationIds] } });
    if (or.length === 0) return NO_EXCEPTION;
    and.push({ OR: or });
  }
  if (reach.products) {
    const categories = valuesOf(actor.scopes, "CATEGORY");
    if (categories.length === 0) return NO_EXCEPTION;
    and.push({ category: { in: categories } });
  }
  return { AND: and };
}
