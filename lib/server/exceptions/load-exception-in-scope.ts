import "server-only";
import type { Exception } from "@prisma/client";
import type { Db, DbTransaction } from "../db";
import { isExceptionInScope } from "../governance/exception-scope";
import { notFound } from "../app-error";
import type { ScopedActor } from "../../contracts/permissions";

/**
 * The exception if it exists and the actor's scopes cover it; otherwise 404 — an exception outside
 * the actor's regions, stores or categories is indistinguishable from one that does not exist.
 */
export async function loadExceptionInScope(client: Db | DbTransaction, actor: ScopedActor, exceptionId: string): Promise<{ exception: Exception; locationCode: string }> {
  const exception = await client.exception.findUnique({ where: { id: exceptionId } });
  if (!exception) throw notFound("This exception");
  const location = await client.location.findUnique({ where: { id: exception.locationId }, select: { code: true } });
  const locationCode = location?.code ?? "";
  if (!isExceptionInScope(actor, { region: exception.region, category: exception.category, locationCode })) throw notFound("This exception");
  return { exception, locationCode };
}
