import "server-only";
import type { Prisma } from "@prisma/client";
import type { Db } from "../db";
import type { ScopedActor } from "../../contracts/permissions";
import { afterCursorWhere, decodeCreatedAtCursor, encodeCreatedAtCursor } from "./created-at-cursor";
import type { TDecisionListQuery, TDecisionPage } from "../../contracts/read-api";
import { scopedExceptionWhere } from "./scoped-exception-where";

/** Decisions on recommendations in the actor's scope, newest first, keyset-paginated. */
export async function listDecisions(db: Db, actor: ScopedActor, query: TDecisionListQuery): Promise<TDecisionPage> {
  const and: Prisma.DecisionWhereInput[] = [{ recommendation: { exception: await scopedExceptionWhere(db, actor) } }];
  if (query.kind) and.push({ kind: { in: query.kind } });
  if (query.recommendationId) and.push({ recommendationId: query.recommendationId });
  if (query.since) and.push({ createdAt: { gte: new Date(query.since) } });
  if (query.cursor) and.push(afterCursorWhere(decodeCreatedAtCursor(query.cursor)));
  const rows = await db.decision.findMany({ where: { AND: and }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((d) => ({ ...d, createdAt: d.createdAt.toISOString() })),
    nextCursor: rows.length > query.limit ? encodeCreatedAtCursor(page[page.length - 1]!) : null,
  };
}
