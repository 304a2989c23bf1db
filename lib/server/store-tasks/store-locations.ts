import "server-only";
import type { Db, DbTransaction } from "../db";
import { notFound } from "../app-error";
import { locationScopeWhere } from "../permissions/scope";
import { type ScopedActor } from "../../contracts/permissions";

export interface StoreLocation {
  id: number;
  code: string;
  name: string;
  sourceDcCode: string | null;
}

/** The locations a store task may touch for this actor: its stores (and regions), nothing else. */
export async function storeLocationsOf(client: Db | DbTransaction, actor: ScopedActor): Promise<StoreLocation[]> {
  return client.location.findMany({ where: locationScopeWhere(actor), select: { id: true, code: true, name: true, sourceDcCode: true }, orderBy: { code: "asc" } });
}

/** The location if the actor may act for it; otherwise 404 like anything outside the actor's scope. */
export async function storeLocationInScope(client: Db | DbTransaction, actor: ScopedActor, locationId: number, what: string): Promise<StoreLocation> {
  const location = await client.location.findFirst({ where: { AND: [{ id: locationId }, locationScopeWhere(actor)] }, select: { id: true, code: true, name: true, sourceDcCode: true } });
  if (!location) throw notFound(what);
  return location;
}
