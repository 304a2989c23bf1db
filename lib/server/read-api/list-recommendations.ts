import "server-only";
import type { Prisma } from "@prisma/client";
import type { Db } from "../db";
import type { ScopedActor } from "../../contracts/permissions";
import { afterCursorWhere, decodeCreatedAtCursor, encodeCreatedAtCursor } from "./created-at-cursor";
import type { TRecommendationListQuery, TRecommendationPage } from "../../contracts/read-api";
import { scopedExceptionWhere } from "./scoped-exception-where";

/** Recommendations in the actor's scope, newest first, keyset-paginated, for the ERP side. */
export async function listRecommendations(db: Db, actor: ScopedActor, query: TRecommendationListQuery): Promise<TRecommendationPage> {
  const and: Prisma.RecommendationWhereInput[] = [{ exception: await scopedExceptionWhere(db, actor) }];
  if (query.status) and.push({ status: { in: query.status } });
  if (query.tier) and.push({ tier: query.tier });
  if (query.exceptionId) and.push({ exceptionId: query.exceptionId });
  if (query.since) and.push({ createdAt: { gte: new Date(query.since) } });
  if (query.cursor) and.push(afterCursorWhere(decodeCreatedAtCursor(query.cursor)));
  const rows = await db.recommendation.findMany({ where: { AND: and }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: query.limit + 1 });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      exceptionId: r.exceptionId,
      planRunId: r.planRunId,
      rank: r.rank,
      actionType: r.actionType,
      quantity: r.quantity,
      proposedQuantity: r.proposedQuantity,
      sourceLocationId: r.sourceLocationId,
      destLocationId: r.destLocationId,
      poNumber: r.poNumber,
      cost: r.cost,
      benefit: r.benefit,
      value: r.value,
      status: r.status,
      tier: r.tier,
      exportId: r.exportId,
      createdAt: r.createdAt.toISOString(),
      updatedAt: r.updatedAt.toISOString(),
      version: r.version,
    })),
    nextCursor: rows.length > query.limit ? encodeCreatedAtCursor(page[page.length - 1]!) : null,
  };
}
