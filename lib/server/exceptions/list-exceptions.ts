import "server-only";
import type { Exception, Prisma } from "@prisma/client";
import type { Db } from "../db";
import { SUPPLIER_ACTION_TYPES } from "../../contracts/governance";
import { exceptionScopeWhere } from "../governance/exception-scope";
import type { ScopedActor } from "../../contracts/permissions";
import { decodeExceptionCursor, encodeExceptionCursor, type ExceptionListCursor } from "./exception-list-cursor";
import { ABOVE_VALUE_BAR_WHERE, BELOW_VALUE_BAR_WHERE, dailyOffer } from "./daily-offer";
import { toExceptionListItems } from "./exception-list-items";
import { canonicalMethod } from "../../engine/kpis/canonical-method";
import { findDriftRecordRun } from "../kpis/load-drift-record";
import { exceptionIdentityKey } from "../plan-runs/engine-vocabulary";
import type { TExceptionListPage, TExceptionListQuery } from "../../contracts/exceptions";

export interface ExceptionListActor extends ScopedActor {
  id: string;
}

/** Text search looks up at most this many matching products or locations; broader terms narrow poorly anyway. */
const SEARCH_MATCH_LIMIT = 500;

/** Location ids of the actor's STORE scopes: Exception has no relation to Location to filter through. */
export async function storeScopeLocationIds(db: Db, actor: ScopedActor): Promise<number[]> {
  const codes = actor.scopes.filter((scope) => scope.kind === "STORE").map((scope) => scope.value);
  if (codes.length === 0) return [];
  const rows = await db.location.findMany({ where: { code: { in: codes } }, select: { id: true } });
  return rows.map((row) => row.id);
}

/**
 * Forecast drift items whose series drifts under one of `models` in the latest network run's drift
 * record: the record is where a series' method is kept, and the dashboard's model groups read the
 * same record, so a group's link lists exactly its items. The exception scope still applies on top.
 */
async function driftModelWhere(db: Db, models: string[]): Promise<Prisma.ExceptionWhereInput> {
  const run = await findDriftRecordRun(db);
  const findings = run ? await db.planRunDriftFinding.findMany({ where: { planRunId: run.id }, select: { locationId: true, productId: true, method: true } }) : [];
  const wanted = new Set(models);
  const identityKeys = findings
    .filter((finding) => wanted.has(canonicalMethod(finding.method)))
    .map(({ locationId, productId }) => exceptionIdentityKey({ type: "forecast_drift", locationId, productId }));
  return { type: "forecast_drift", identityKey: { in: identityKeys } };
}

async function filterWhere(db: Db, actor: ExceptionListActor, query: TExceptionListQuery): Promise<Prisma.ExceptionWhereInput[]> {
  const and: Prisma.ExceptionWhereInput[] = [{ status: { in: query.status ?? ["open"] } }];
  if (query.type) and.push({ type: { in: query.type } });
  if (query.region) and.push({ region: { in: query.region } });
  if (query.category) and.push({ category: { in: query.category } });
  if (query.location) {
    const locations = await db.location.findMany({ where: { code: { in: query.location } }, select: { id: true } });
    and.push({ locationId: { in: locations.map((l) => l.id) } });
  }
  if (query.sku) {
    const products = await db.product.findMany({ where: { sku: { in: query.sku } }, select: { id: true } });
    and.push({ productId: { in: products.map((p) => p.id) } });
  }
  if (query.model) and.push(await driftModelWhere(db, query.model));
  if (query.supplier) {
    const suppliers = await db.supplier.findMany({ where: { code: { in: query.supplier } }, select: { id: true } });
    and.push({ supplierId: { in: suppliers.map((s) => s.id) } });
  }
  if (query.work === "supplier") {
    and.push({ recommendations: { some: { status: { in: ["proposed", "pending"] }, actionType: { in: [...SUPPLIER_ACTION_TYPES] } } } });
  }
  if (query.tier) and.push({ tierRequired: { in: query.tier } });
  if (query.assignee === "none") and.push({ assigneeId: null });
  else if (query.assignee) and.push({ assigneeId: query.assignee === "me" ? actor.id : query.assignee });
  if (query.minValue !== undefined) and.push({ moneyAtRisk: { gte: query.minValue } });
  if (query.maxValue !== undefined) and.push({ moneyAtRisk: { lte: query.maxValue } });
  if (query.q) {
    const [products, locations] = await Promise.all([
      db.product.findMany({ where: { OR: [{ sku: { contains: query.q } }, { name: { contains: query.q } }] }, select: { id: true }, take: SEARCH_MATCH_LIMIT }),
      db.location.findMany({ where: { OR: [{ code: { contains: query.q } }, { name: { contains: query.q } }] }, select: { id: true }, take: SEARCH_MATCH_LIMIT }),
    ]);
    and.push({
      OR: [
        { summary: { contains: query.q } },
        { productId: { in: products.map((p) => p.id) } },
        { locationId: { in: locations.map((l) => l.id) } },
      ],
    });
  }
  return and;
}

/**
 * Rows after the cursor in (sort value, id) order, written as `value ≤ v AND (value < v OR id < c)`
 * (descending) so the database seeks on the (status, value, id) index instead of scanning.
 */
function afterCursorWhere(cursor: ExceptionListCursor): Prisma.ExceptionWhereInput {
  const desc = cursor.order === "desc";
  const idAfter = desc ? { lt: cursor.id } : { gt: cursor.id };
  if (cursor.sort === "daysToImpact" && cursor.value === null) return { daysToImpact: null, id: idAfter };
  const value = cursor.sort === "raisedAt" ? new Date(cursor.value!) : cursor.value!;
  const field = cursor.sort;
  return {
    AND: [
      { [field]: desc ? { lte: value } : { gte: value } },
      { OR: [{ [field]: desc ? { lt: value } : { gt: value } }, { id: idAfter }] },
    ],
  };
}

/**
 * daysToImpact may be null, and nulls sort last in both directions. One query with
 * `… OR daysToImpact IS NULL` defeats the index seek, so the non-null rows are read first and the
 * null ones only when the page is not full yet.
 */
async function findPageRows(
  db: Db,
  and: Prisma.ExceptionWhereInput[],
  query: TExceptionListQuery,
  cursor: ExceptionListCursor | null,
): Promise<Exception[]> {
  const take = query.limit + 1;
  if (query.sort !== "daysToImpact") {
    const where = { AND: cursor ? [...and, afterCursorWhere(cursor)] : and };
    return db.exception.findMany({ where, orderBy: [{ [query.sort]: query.order }, { id: query.order }], take });
  }
  const inNullTail = cursor !== null && cursor.value === null;
  const valued = inNullTail
    ? []
    : await db.exception.findMany({
        where: { AND: [...and, { daysToImpact: { not: null } }, ...(cursor ? [afterCursorWhere(cursor)] : [])] },
        orderBy: [{ daysToImpact: query.order }, { id: query.order }],
        take,
      });
  if (valued.length === take) return valued;
  const nulls = await db.exception.findMany({
    where: { AND: [...and, inNullTail ? afterCursorWhere(cursor) : { daysToImpact: null }] },
    orderBy: { id: query.order },
    take: take - valued.length,
  });
  return [...valued, ...nulls];
}

function cursorAfter(row: Exception, query: TExceptionListQuery): ExceptionListCursor {
  const value = query.sort === "raisedAt" ? row.raisedAt.getTime() : row[query.sort];
  return { sort: query.sort, order: query.order, value, id: row.id };
}

/**
 * One page of the exception queue for the actor: scoped in the WHERE (a store manager sees only
 * their stores, a planner their regions and categories; a scoped role without scopes sees
 * nothing), filtered, sorted, and paged by keyset on (sort value, id), so page N costs the same as
 * page 1 and rows changing between requests never cause duplicates or gaps in the sort order.
 */
/** `query` is ZExceptionListQuery's output (the route parses it). */
export async function listExceptions(db: Db, actor: ExceptionListActor, query: TExceptionListQuery): Promise<TExceptionListPage> {
  const cursor = query.cursor ? decodeExceptionCursor(query.cursor, query) : null;
  const scope = exceptionScopeWhere(actor, await storeScopeLocationIds(db, actor));
  const and = [scope, ...(await filterWhere(db, actor, query))];
  // The daily cap shapes the list of open items only; closed, snoozed or mixed lists are never capped.
  const openOnly = (query.status ?? ["open"]).every((status) => status === "open");
  const offer = openOnly ? await dailyOffer(db, actor, scope) : null;
  if (offer) {
    if (query.offer === "today") and.push({ id: { in: offer.offeredIds } });
    else if (query.offer === "waiting") and.push({ id: { notIn: offer.offeredIds } }, ABOVE_VALUE_BAR_WHERE);
    else and.push(BELOW_VALUE_BAR_WHERE);
  }
  const [rows, total] = await Promise.all([findPageRows(db, and, query, cursor), cursor ? null : db.exception.count({ where: { AND: and } })]);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: await toExceptionListItems(db, page),
    nextCursor: rows.length > query.limit && last ? encodeExceptionCursor(cursorAfter(last, query)) : null,
    total,
    dailyCap: offer ? { ...offer.cap, showing: query.offer } : null,
  };
}
