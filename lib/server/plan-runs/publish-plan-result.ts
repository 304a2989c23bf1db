import "server-only";
import type { Exception, Prisma } from "@prisma/client";
import type { PlanException } from "../../engine/exceptions/exception-types";
import type { PlanResult } from "../../engine/plan/plan-types";
import type { DbTransaction } from "../db";
import { actionTypeFromEngine, clusterSubjectReference, exceptionIdentityKey, exceptionTypeFromEngine, supplierCutReference } from "./engine-vocabulary";
import { ACTIVE_EXCEPTION_STATUSES, CLOSED_REASONS, type TExceptionType } from "../../contracts/exceptions";
import type { PlanInputs } from "./load-plan-inputs";
import { carryOverRecommendations } from "./carry-over";
import { materiallyChanged } from "./materially-changed";
import type { TPlanRunCounts } from "../../contracts/plan-runs";
import { expireDueRecommendations } from "../governance/expire-recommendations";
import { getActivePolicy } from "../governance/get-active-policy";
import { insertRoutedRecommendations } from "../governance/route-recommendations";
import { showTierRequired, supersedeRecommendationsOf } from "./settle-recommendations";
import { forDialect, literal } from "../imports/batched-upsert";
import { fromDayNumber, toDayNumber } from "../../engine/calendar";
import { FORECAST_RETENTION_DAYS } from "../kpis/compute-kpi-snapshot";

/** Exception types about one location × SKU series; the others are about a PO or a promotion. */
const SERIES_EXCEPTION_TYPES: readonly TExceptionType[] = ["stockout", "excess", "demand_deviation", "inventory_inaccuracy", "forecast_drift"];
const CHUNK = 500;

export interface ResolvedException {
  identityKey: string;
  type: TExceptionType;
  locationId: number;
  productId: number;
  region: string;
  category: string;
  supplierId: number;
  /** Engine series id (`${locationCode}|${sku}`) whose chart goes with the exception. */
  seriesId: string;
  /** Location of that series: the exception's own, or a cluster's first-listed store (the most money at stake). */
  chartLocationId: number;
  engine: PlanException;
}

export interface ResolvedPlanExceptions {
  /** One per identity key (the highest score wins when the engine reports a key twice). */
  resolved: ResolvedException[];
  /** Engine exceptions with a non-finite score or money at risk (an engine defect), left out. */
  discarded: number;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * Places an engine exception in the database's terms. Series exceptions name their location and
 * SKU; a supplier delay is filed under its PO's most valuable line, a promotion shortfall under the
 * first node that needs stock (or the promotion's first node), and a cluster's excess or stock-out
 * under the DC that supplies its stores, in their region: a store-scoped user, who may see only their
 * own store, never reaches an item that lists other stores, and the region's planner does. A
 * supplier's cuts across SKUs and POs are filed under the node and their largest SKU: every line is in
 * that SKU's category, so whoever may see the item may see every line.
 */
function resolveException(exception: PlanException, inputs: PlanInputs): ResolvedException | null {
  const type = exceptionTypeFromEngine(exception.type);
  let locationCode = exception.locationId;
  let sku = exception.sku;
  let subjectReference: string | undefined;
  let supplierCut: string | undefined;
  let region: string | undefined;
  if (exception.group?.kind === "cluster") {
    locationCode = exception.group.sourceDcId;
    subjectReference = clusterSubjectReference(exception.group);
    region = exception.group.region;
  } else if (exception.group?.kind === "supplier-orders") {
    // Filed under its largest SKU (same category as every line), at the node the POs deliver to.
    sku = exception.group.members[0]?.sku;
    supplierCut = supplierCutReference(exception.group);
  } else if (type === "supplier_delay") {
    const lines = inputs.snapshot.purchaseOrders.filter((line) => line.purchaseOrderId === exception.purchaseOrderId);
    const lineValue = (line: (typeof lines)[number]) => line.quantity * (inputs.productsBySku.get(line.sku)?.unitCost ?? 0);
    const top = [...lines].sort((a, b) => lineValue(b) - lineValue(a) || (a.sku < b.sku ? -1 : 1))[0];
    locationCode = top?.locationId;
    sku = top?.sku;
    subjectReference = exception.purchaseOrderId;
  } else if (type === "promotion_readiness") {
    const promotion = inputs.snapshot.promotions.find((p) => p.id === exception.promotionId);
    locationCode = exception.actions[0]?.destinationId ?? promotion?.locationIds[0];
    subjectReference = exception.promotionId;
  }
  const location = locationCode === undefined ? undefined : inputs.locationsByCode.get(locationCode);
  const product = sku === undefined ? undefined : inputs.productsBySku.get(sku);
  if (!location || !product) return null;
  // A cluster's chart is its first-listed store's: the DC it is filed under does not hold that stock.
  const leadStore = exception.group?.kind === "cluster" ? exception.group.members[0]?.locationId : undefined;
  const chartSeries = leadStore === undefined ? undefined : inputs.locationsByCode.get(leadStore);
  return {
    identityKey: exceptionIdentityKey({ type, locationId: location.id, productId: product.id, subjectReference, supplierCut }),
    type,
    locationId: location.id,
    productId: product.id,
    region: region ?? location.region,
    category: product.category,
    supplierId: product.supplierId,
    seriesId: chartSeries ? `${chartSeries.code}|${product.sku}` : `${location.code}|${product.sku}`,
    chartLocationId: chartSeries?.id ?? location.id,
    engine: exception,
  };
}

/** The columns a run (re)writes on an exception. */
interface ExceptionFigures {
  score: number;
  moneyAtRisk: number;
  urgency: number;
  confidence: number;
  daysToImpact: number | null;
  summary: string;
  drivers: string;
  scoreComponents: string;
  lastRunId: string;
}

/** The engine's numbers in the exception's columns. */
function exceptionFigures(resolved: ResolvedException, runId: string): ExceptionFigures & { daysToImpact: number } {
  const { engine } = resolved;
  return {
    score: engine.score.score,
    moneyAtRisk: engine.score.moneyAtRisk,
    urgency: engine.score.urgency,
    confidence: engine.score.confidence,
    daysToImpact: Math.round(engine.score.daysUntilImpact),
    summary: engine.rootCause,
    drivers: JSON.stringify(engine.drivers),
    scoreComponents: JSON.stringify({ ...engine.score, engineExceptionId: engine.id }),
    lastRunId: runId,
  };
}

/** The figures an exception row holds now, in exceptionFigures' shape. */
function figuresOf(row: Exception): Omit<ExceptionFigures, "lastRunId"> {
  return {
    score: row.score,
    moneyAtRisk: row.moneyAtRisk,
    urgency: row.urgency,
    confidence: row.confidence,
    daysToImpact: row.daysToImpact,
    summary: row.summary,
    drivers: row.drivers,
    scoreComponents: row.scoreComponents,
  };
}

interface KnownExceptionUpdate {
  id: string;
  figures: ExceptionFigures;
  /** Back after a decision or a close: open again, its close cleared. */
  reopening: boolean;
  /** Its snooze is over: open again. */
  snoozeOver: boolean;
}

/**
 * The run's figures on the exceptions it knew already, set-based: one `UPDATE … FROM (VALUES …)` per
 * 500 rows instead of one statement per exception (a network run updates most of its exceptions).
 * Text is bound; numbers, booleans and the date are literals (imports/batched-upsert.ts). The same SQL
 * runs on SQLite (UPDATE FROM, 3.33+) and PostgreSQL, whose VALUES columns are also column1…columnN.
 */
async function updateKnownExceptions(tx: DbTransaction, updates: readonly KnownExceptionUpdate[], now: Date): Promise<void> {
  for (const batch of chunks(updates)) {
    const params: string[] = [];
    const bind = (text: string) => {
      params.push(text);
      return "?";
    };
    const rows = batch.map(({ id, figures: f, reopening, snoozeOver }) =>
      [bind(id), literal(f.score), literal(f.moneyAtRisk), literal(f.urgency), literal(f.confidence), literal(f.daysToImpact), bind(f.summary), bind(f.drivers), bind(f.scoreComponents), bind(f.lastRunId), literal(reopening), literal(snoozeOver)].join(", "),
    );
    await tx.$executeRawUnsafe(
      forDialect(`UPDATE "Exception" SET
        "score" = v.column2, "moneyAtRisk" = v.column3, "urgency" = v.column4, "confidence" = v.column5, "daysToImpact" = v.column6,
        "summary" = v.column7, "drivers" = v.column8, "scoreComponents" = v.column9, "lastRunId" = v.column10,
        "version" = "version" + 1, "updatedAt" = ${literal(now)},
        "status" = CASE WHEN v.column11 OR v.column12 THEN 'open' ELSE "status" END,
        "closedAt" = CASE WHEN v.column11 THEN NULL ELSE "closedAt" END,
        "closedReason" = CASE WHEN v.column11 THEN NULL ELSE "closedReason" END,
        "snoozedUntil" = CASE WHEN v.column12 THEN NULL ELSE "snoozedUntil" END
      FROM (VALUES (${rows.join("), (")})) AS v
      WHERE "Exception"."id" = v.column1`),
      ...params,
    );
  }
}

function parseDrivers(json: string): { key: string; value: number; reference?: string }[] {
  const parsed: unknown = JSON.parse(json);
  return Array.isArray(parsed) ? (parsed as { key: string; value: number; reference?: string }[]) : [];
}

function recommendationRows(exceptionId: string, resolved: ResolvedException, runId: string, inputs: PublishPlanResultInput["inputs"]): Prisma.RecommendationCreateManyInput[] {
  const product = inputs.productsBySku.get(resolved.engine.sku ?? "") ?? [...inputs.productsBySku.values()].find((p) => p.id === resolved.productId);
  return resolved.engine.actions.map((action) => ({
    exceptionId,
    planRunId: runId,
    rank: action.rank,
    actionType: actionTypeFromEngine(action.kind),
    quantity: action.quantity,
    proposedQuantity: action.quantity,
    sourceLocationId: action.sourceId ? (inputs.locationsByCode.get(action.sourceId)?.id ?? null) : null,
    destLocationId: action.destinationId ? (inputs.locationsByCode.get(action.destinationId)?.id ?? null) : null,
    poNumber: action.purchaseOrderId ?? null,
    cost: action.cost,
    benefit: action.expectedBenefit,
    value: action.governanceValue,
    details: JSON.stringify({
      engineKind: action.kind,
      engineExceptionId: resolved.engine.id,
      netBenefit: action.netBenefit,
      unitEconomics: product ? { unitCost: product.unitCost, unitPrice: product.unitPrice } : null,
      // What the engine priced the action on, so a modified quantity is re-priced by the same formula.
      pricing: action.pricing,
      // What the quantity is cut from: carry-over's yardstick for a material change (lib/engine/exceptions/carry-over.ts).
      quantityBasis: action.quantityBasis,
      // A group's action: each store's or each SKU line's share, by location and product id and PO (ZActionLines).
      ...(action.lines ? { lines: action.lines.flatMap((line) => {
        const location = inputs.locationsByCode.get(line.locationId);
        const lineProduct = line.sku === undefined ? undefined : inputs.productsBySku.get(line.sku);
        if (!location || (line.sku !== undefined && !lineProduct)) return [];
        return [{ locationId: location.id, ...(lineProduct ? { productId: lineProduct.id } : {}), ...(line.purchaseOrderId === undefined ? {} : { poNumber: line.purchaseOrderId }), quantity: line.quantity }];
      }) } : {}),
    }),
    status: "proposed",
    // Placeholder until routing, which runs in this same transaction and sets the real tier.
    tier: "planner",
  }));
}

/**
 * Places the engine's exceptions in the database's terms, in memory: nothing is written. A scoped
 * replan sees one product or series, so PO- and promotion-level exceptions (which need the whole
 * network) are left out of it.
 */
export function resolvePlanExceptions(inputs: PlanInputs, result: PlanResult): ResolvedPlanExceptions {
  const resolvedByKey = new Map<string, ResolvedException>();
  let discarded = 0;
  for (const exception of result.exceptions) {
    // A score that is not a finite number cannot be ranked or stored; report it rather than fail the run.
    if (!Number.isFinite(exception.score.score) || !Number.isFinite(exception.score.moneyAtRisk)) {
      discarded += 1;
      continue;
    }
    const resolved = resolveException(exception, inputs);
    if (!resolved || (inputs.scope && !SERIES_EXCEPTION_TYPES.includes(resolved.type))) continue;
    // A scoped replan sees neither a store's cluster nor a PO's other SKUs: excess is judged by full runs.
    if (inputs.scope && resolved.type === "excess") continue;
    const seen = resolvedByKey.get(resolved.identityKey);
    if (!seen || seen.engine.score.score < resolved.engine.score.score) resolvedByKey.set(resolved.identityKey, resolved);
  }
  return { resolved: [...resolvedByKey.values()], discarded };
}

/**
 * A one-series replan cannot see the store's cluster: a stock-out it raises at a store whose cluster
 * has a stock-out order on this product (open, snoozed or decided) is that order's business, and is
 * left to the product-wide runs instead of being asked again beside it.
 */
async function withoutClusterMembers(
  tx: DbTransaction,
  inputs: Pick<PlanInputs, "scope">,
  resolved: readonly ResolvedException[],
): Promise<readonly ResolvedException[]> {
  const storeId = inputs.scope?.locationId;
  if (storeId === undefined || !resolved.some((item) => item.type === "stockout")) return resolved;
  const store = await tx.location.findUnique({ where: { id: storeId }, select: { region: true, cluster: true, sourceDcCode: true } });
  const dc = store?.sourceDcCode ? await tx.location.findUnique({ where: { code: store.sourceDcCode }, select: { id: true } }) : null;
  if (!store || !dc) return resolved;
  const clusterKey = (productId: number) =>
    exceptionIdentityKey({ type: "stockout", locationId: dc.id, productId, subjectReference: clusterSubjectReference(store) });
  const keys = [...new Set(resolved.filter((item) => item.type === "stockout").map((item) => clusterKey(item.productId)))];
  const grouped = new Set(
    (await tx.exception.findMany({ where: { identityKey: { in: keys }, status: { not: "closed" } }, select: { identityKey: true } })).map((row) => row.identityKey),
  );
  return resolved.filter((item) => item.type !== "stockout" || !grouped.has(clusterKey(item.productId)));
}

/** `${locationId}|${productId}` of the series whose drift this run recorded below the value bar (write-drift-findings.ts). */
async function belowBarDriftSeries(tx: DbTransaction, runId: string): Promise<Set<string>> {
  const rows = await tx.planRunDriftFinding.findMany({ where: { planRunId: runId, passedValueBar: false }, select: { locationId: true, productId: true } });
  return new Set(rows.map((row) => `${row.locationId}|${row.productId}`));
}

export interface PublishPlanResultInput {
  runId: string;
  inputs: Pick<PlanInputs, "scope" | "planDate" | "productsBySku" | "locationsByCode">;
  resolved: readonly ResolvedException[];
  now: Date;
}

/** What publishing changed, for PlanRun.counts (the run adds series, detected, chart and discarded counts). */
export type PublishedCounts = Pick<
  TPlanRunCounts,
  "opened" | "updated" | "reopened" | "closed" | "suppressed" | "recommendations" | "superseded" | "autoApproved" | "pending" | "carriedOver" | "notProposedAgain"
>;

/**
 * Makes a plan run's outcome what users see, inside the caller's one transaction — the run's
 * publish step, so a run that fails or is killed before it changes nothing. Exceptions keep their
 * identity (type, location, SKU[, PO or promotion]) across runs: a known one is updated in place,
 * keeping its comments, assignee and history; one whose condition is gone is closed with that
 * reason (forecast drift the run recorded below the value bar is closed as monitored, not queued);
 * a decided one comes back only after a material change. The earlier runs' undecided
 * recommendations on those exceptions are superseded and the new ones written, routed to their
 * tier as they are inserted (auto-approved only when every guard passes — stale data and low
 * confidence go to a person).
 */
export async function publishPlanResult(tx: DbTransaction, input: PublishPlanResultInput): Promise<PublishedCounts> {
  const { runId, inputs, now } = input;
  const scope = inputs.scope;
  const resolved = await withoutClusterMembers(tx, inputs, input.resolved);
  const counts: PublishedCounts = {
    opened: 0,
    updated: 0,
    reopened: 0,
    closed: 0,
    suppressed: 0,
    recommendations: 0,
    superseded: 0,
    autoApproved: 0,
    pending: 0,
    carriedOver: 0,
    notProposedAgain: 0,
  };
  const resolvedByKey = new Map(resolved.map((item) => [item.identityKey, item]));

  const existing = new Map<string, Exception>();
  for (const keys of chunks(resolved.map((r) => r.identityKey))) {
    for (const row of await tx.exception.findMany({ where: { identityKey: { in: keys } } })) existing.set(row.identityKey, row);
  }
  const active: { exceptionId: string; resolved: ResolvedException }[] = [];
  const carriedOver: string[] = [];
  const reconsidered = new Set<string>();
  const created: Prisma.ExceptionCreateManyInput[] = [];
  const updates: KnownExceptionUpdate[] = [];
  for (const item of resolved) {
    const figures = exceptionFigures(item, runId);
    const previous = existing.get(item.identityKey);
    if (!previous) {
      created.push({
        identityKey: item.identityKey,
        type: item.type,
        locationId: item.locationId,
        productId: item.productId,
        region: item.region,
        category: item.category,
        supplierId: item.supplierId,
        status: "open",
        firstRunId: runId,
        raisedAt: now,
        ...figures,
      });
      continue;
    }
    const decided = previous.status === "resolved";
    if (decided) {
      const current = { type: item.type, moneyAtRisk: figures.moneyAtRisk, daysToImpact: figures.daysToImpact, drivers: item.engine.drivers };
      const atDecision = { type: item.type, moneyAtRisk: previous.moneyAtRisk, daysToImpact: previous.daysToImpact, drivers: parseDrivers(previous.drivers) };
      // The row keeps the figures it was decided on, so the next run compares against those again.
      if (!materiallyChanged(atDecision, current)) {
        counts.suppressed += 1;
        continue;
      }
    }
    const reopening = decided || previous.status === "closed";
    // Back after a material change, or a new episode after the condition cleared: decided afresh.
    if (reopening) reconsidered.add(previous.id);
    // A snooze lasts its time, or until the situation changes materially.
    const snoozed = previous.status === "snoozed";
    const snoozeBroken =
      snoozed &&
      materiallyChanged(
        { type: item.type, moneyAtRisk: previous.moneyAtRisk, daysToImpact: previous.daysToImpact, drivers: parseDrivers(previous.drivers) },
        { type: item.type, moneyAtRisk: figures.moneyAtRisk, daysToImpact: figures.daysToImpact, drivers: item.engine.drivers },
      );
    if (snoozeBroken) reconsidered.add(previous.id);
    const snoozeOver = snoozed && (previous.snoozedUntil === null || previous.snoozedUntil <= now || snoozeBroken);
    // A snooze that stands keeps the figures it was set on, as a decision keeps those it was decided
    // on: the next run compares against them again, so small moves that add up end it too.
    const snoozeStands = snoozed && !snoozeOver;
    updates.push({ id: previous.id, figures: snoozeStands ? { ...figuresOf(previous), lastRunId: runId } : figures, reopening, snoozeOver });
    counts[reopening ? "reopened" : "updated"] += 1;
    carriedOver.push(previous.id);
    active.push({ exceptionId: previous.id, resolved: item });
  }
  await updateKnownExceptions(tx, updates, now);
  for (const batch of chunks(created)) {
    const rows = await tx.exception.createManyAndReturn({ data: batch, select: { id: true, identityKey: true } });
    for (const row of rows) active.push({ exceptionId: row.id, resolved: resolvedByKey.get(row.identityKey)! });
    counts.opened += rows.length;
  }

  // Conditions that disappeared: close, and take their undecided actions off the table. Forecast drift
  // this run still found but recorded below the value bar (its drift record) is monitored, not queued.
  const monitoredDrift = await belowBarDriftSeries(tx, runId);
  const goneWhere: Prisma.ExceptionWhereInput = {
    status: { in: [...ACTIVE_EXCEPTION_STATUSES] },
    lastRunId: { not: runId },
    ...(scope
      ? {
          productId: scope.productId,
          ...(scope.locationId === undefined ? {} : { locationId: scope.locationId }),
          type: { in: SERIES_EXCEPTION_TYPES.filter((type) => type !== "excess") },
        }
      : {}),
  };
  const goneRows = await tx.exception.findMany({ where: goneWhere, select: { id: true, type: true, locationId: true, productId: true } });
  const gone = goneRows.map((row) => row.id);
  const monitored = new Set(goneRows.filter((row) => row.type === "forecast_drift" && monitoredDrift.has(`${row.locationId}|${row.productId}`)).map((row) => row.id));
  for (const [closedReason, closing] of [
    [CLOSED_REASONS.conditionCleared, gone.filter((id) => !monitored.has(id))],
    [CLOSED_REASONS.belowValueBar, [...monitored]],
  ] as const) {
    for (const ids of chunks(closing)) {
      await tx.exception.updateMany({ where: { id: { in: ids } }, data: { status: "closed", closedAt: now, closedReason, version: { increment: 1 } } });
    }
  }
  counts.closed = gone.length;
  // The drift record is kept as long as the runs' forecasts are.
  if (!scope) {
    const oldest = fromDayNumber(toDayNumber(inputs.planDate) - FORECAST_RETENTION_DAYS);
    await tx.planRunDriftFinding.deleteMany({ where: { planRun: { asOf: { lt: oldest } } } });
  }

  // Items whose decision window passed expire before this run supersedes or adds any.
  await expireDueRecommendations(tx, now);
  // People's decisions carry over (carry-over.ts): a rejection stands, a pending (or modified) item is
  // kept and joins this run — before superseding, which passes this run's items by.
  const confidenceOf = new Map(active.map(({ exceptionId, resolved: item }) => [exceptionId, item.engine.score.confidence]));
  const carried = await carryOverRecommendations(
    tx,
    active.flatMap(({ exceptionId, resolved: item }) => recommendationRows(exceptionId, item, runId, inputs)),
    runId,
    now,
    reconsidered,
  );
  counts.carriedOver = carried.kept;
  counts.notProposedAgain = carried.skipped;
  const superseded = await supersedeRecommendationsOf(tx, [...gone, ...carriedOver], runId);
  // New recommendations, routed to their tier as they are written.
  const newRecommendations = carried.rows.map((row) => ({ row, confidence: confidenceOf.get(row.exceptionId) ?? 0 }));
  const routed = await insertRoutedRecommendations(tx, newRecommendations, inputs.planDate, now);
  counts.recommendations = routed.inserted.length;
  await showTierRequired(tx, routed.inserted, (await getActivePolicy(tx)).rules, now);
  return { ...counts, superseded, autoApproved: routed.autoApproved, pending: routed.pending };
}
