import "server-only";
import type { Prisma } from "@prisma/client";
import type { Db, DbTransaction } from "../db";
import { exceptionScopeWhere } from "../governance/exception-scope";
import type { ScopedActor } from "../../contracts/permissions";

/** The exceptions an actor may see, for filtering their recommendations and decisions (fail closed). */
export async function scopedExceptionWhere(client: Db | DbTransaction, actor: ScopedActor): Promise<Prisma.ExceptionWhereInput> {
  const storeCodes = actor.scopes.filter((s) => s.kind === "STORE").map((s) => s.value);
  const stores = storeCodes.length === 0 ? [] : await client.location.findMany({ where: { code: { in: storeCodes } }, select: { id: true } });
  return exceptionScopeWhere(actor, stores.map((s) => s.id));
}
