import "server-only";
import type { Recommendation } from "@prisma/client";
import type { Db } from "../db";
import { ROUTING_DETAILS_KEY } from "../governance/approval-routing";
import { ZActionType, ZApprovalTier } from "../../contracts/governance";
import { decisionRefusal, type Decider } from "../governance/decision-rights";
import type { HumanDecisionKind } from "../../contracts/governance";
import { canTransition, pastTense, type RecommendationStatus } from "../../contracts/governance";
import { can } from "../../contracts/permissions";
import { parseSeriesChartData } from "../../contracts/plan-runs";
import { buildSeriesChart } from "./build-series-chart";
import { toExceptionListItems } from "./exception-list-items";
import { actionLinesOf, type TActionLines, type TDecisionRefusals, type TExceptionAuditEntry, type TExceptionDetail, type TExceptionDriver, type TForecastOverrideView, type TLocationRef, type TRecommendationView, type TScoreComponents, type TSeriesChart } from "../../contracts/exceptions";
import { splitAcrossLines } from "../../engine/exceptions/action-lines";
import { loadExceptionInScope } from "./load-exception-in-scope";
import { forecastOverrideAuthorsOfMany } from "../governance/forecast-override-authors";

const HUMAN_DECISIONS: HumanDecisionKind[] = ["approve", "modify", "reject"];

function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

function parseDrivers(json: string): TExceptionDriver[] {
  const parsed = parseJson(json);
  if (!Array.isArray(parsed)) return [];
  return parsed.flatMap((driver: Record<string, unknown>) =>
    typeof driver.key === "string" && typeof driver.label === "string"
      ? [{
          key: driver.key,
          label: driver.label,
          value: typeof driver.value === "number" ? driver.value : Number.NaN,
          unit: driver.unit as TExceptionDriver["unit"],
          text: typeof driver.text === "string" ? driver.text : "",
          reference: typeof driver.reference === "string" ? driver.reference : null,
        }]
      : [],
  );
}

function parseScoreComponents(json: string, fallback: TScoreComponents): TScoreComponents & { engineExceptionId: string | null } {
  const parsed = parseJson(json) as Partial<TScoreComponents & { engineExceptionId: string }> | null;
  return {
    moneyAtRisk: parsed?.moneyAtRisk ?? fallback.moneyAtRisk,
    urgency: parsed?.urgency ?? fallback.urgency,
    daysUntilImpact: parsed?.daysUntilImpact ?? fallback.daysUntilImpact,
    confidence: parsed?.confidence ?? fallback.confidence,
    score: parsed?.score ?? fallback.score,
    engineExceptionId: parsed?.engineExceptionId ?? null,
  };
}

/**
 * Each store's or SKU line's share of the action's current quantity (a modified quantity is split as
 * proposed), in the order the plan listed them; a SKU line's value is its units at the product's cost.
 */
function groupLines(
  lines: TActionLines | null,
  quantity: number,
  location: (id: number) => TLocationRef,
  product: (id: number) => { sku: string; name: string; unitCost: number } | undefined,
): TRecommendationView["lines"] {
  if (!lines) return null;
  return splitAcrossLines(lines, quantity).map((line) => {
    const lineProduct = line.productId === undefined ? undefined : product(line.productId);
    return {
      location: location(line.locationId),
      product: line.productId === undefined ? null : { sku: lineProduct?.sku ?? "?", name: lineProduct?.name ?? "Unknown product" },
      poNumber: line.poNumber ?? null,
      value: lineProduct ? line.quantity * lineProduct.unitCost : null,
      quantity: line.quantity,
    };
  });
}

function routingReasons(details: string): string[] {
  const parsed = parseJson(details) as Record<string, { reasons?: unknown }> | null;
  const reasons = parsed?.[ROUTING_DETAILS_KEY]?.reasons;
  return Array.isArray(reasons) ? reasons.filter((r): r is string => typeof r === "string") : [];
}

/** The same answer the decision endpoint would give, so the UI only offers what will be accepted. */
function refusalsFor(actor: Decider, recommendation: Recommendation, place: { region: string; category: string; locationCode: string }, changedByIds: string[]): TDecisionRefusals {
  const target = {
    actionType: ZActionType.parse(recommendation.actionType),
    tier: ZApprovalTier.parse(recommendation.tier),
    place,
    changedByIds,
  };
  const entries = HUMAN_DECISIONS.map((kind) => {
    if (!canTransition(recommendation.status, kind)) {
      return [kind, `This action is ${recommendation.status.replace("_", "-")} and can no longer be ${pastTense(kind)}.`] as const;
    }
    return [kind, decisionRefusal(actor, kind, target)] as const;
  });
  return Object.fromEntries(entries) as unknown as TDecisionRefusals;
}

/**
 * Everything the exception page shows: the exception with its drivers and score components, its
 * recommendations ranked with tier, status and what the viewer may do with each, comments, the
 * decision and audit history, the chart series of its latest run and the trace (plan run, input
 * hash, engine and policy versions). 404 outside the viewer's scope.
 */
export async function getExceptionDetail(db: Db, actor: Decider, exceptionId: string): Promise<TExceptionDetail> {
  const { exception, locationCode } = await loadExceptionInScope(db, actor, exceptionId);
  const place = { region: exception.region, category: exception.category, locationCode };
  const [[item], supplier, recommendations, comments, audit, lastRun] = await Promise.all([
    toExceptionListItems(db, [exception]),
    exception.supplierId ? db.supplier.findUnique({ where: { id: exception.supplierId }, select: { id: true, code: true, name: true } }) : null,
    db.recommendation.findMany({ where: { exceptionId }, include: { decisions: { orderBy: [{ createdAt: "asc" }, { id: "asc" }] }, planRun: { select: { asOf: true } } } }),
    db.exceptionComment.findMany({ where: { exceptionId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] }),
    db.auditEvent.findMany({ where: { entityType: "Exception", entityId: exceptionId }, orderBy: { seq: "desc" } }),
    db.planRun.findUniqueOrThrow({ where: { id: exception.lastRunId } }),
  ]);
  // A cluster's chart is its first-listed store's (the most money at stake), as the run wrote it.
  const linesOf = new Map(recommendations.map((r) => [r.id, actionLinesOf(r.details)]));
  const latestLines = [...recommendations].sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime()).map((r) => linesOf.get(r.id)).find((lines) => lines && lines.length > 0);
  const chartLocationId = item!.storeGroup && latestLines ? latestLines[0]!.locationId : exception.locationId;
  const [seriesRow, overrides] = await Promise.all([
    db.planRunSeries.findFirst({
      where: { locationId: chartLocationId, productId: exception.productId, planRun: { status: "succeeded" } },
      orderBy: { planRun: { finishedAt: "desc" } },
    }),
    db.forecastOverride.findMany({
      where: { locationId: chartLocationId, productId: exception.productId, endDate: { gte: lastRun.asOf } },
      include: { sourceAction: { select: { decidedAt: true, decidedById: true, policyVersion: true } } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    }),
  ]);

  // People whose forecast override shaped an action may not approve it: the refusal the decision will give (loadForDecision).
  const overriders = await forecastOverrideAuthorsOfMany(
    db,
    recommendations.map((r) => ({ locationId: exception.locationId, productId: exception.productId, planAsOf: r.planRun.asOf, createdAt: r.createdAt, id: r.id })),
  );
  const overridersOf = new Map([...overriders].map(([subject, authors]) => [subject.id, authors]));
  const decisions = recommendations.flatMap((r) => r.decisions.map((d) => ({ ...d, actionType: r.actionType })));
  const userIds = new Set<string>();
  for (const r of recommendations) for (const id of [r.modifiedById, r.decidedById]) if (id) userIds.add(id);
  for (const d of decisions) if (d.actorId) userIds.add(d.actorId);
  for (const c of comments) userIds.add(c.authorId);
  for (const a of audit) if (a.actorId) userIds.add(a.actorId);
  for (const o of overrides) for (const id of [o.createdById, o.sourceAction?.decidedById]) if (id) userIds.add(id);
  const locationIds = new Set<number>([chartLocationId]);
  for (const r of recommendations) for (const id of [r.sourceLocationId, r.destLocationId]) if (id !== null) locationIds.add(id);
  for (const lines of linesOf.values()) for (const line of lines ?? []) locationIds.add(line.locationId);
  const productIds = new Set<number>();
  for (const lines of linesOf.values()) for (const line of lines ?? []) if (line.productId !== undefined) productIds.add(line.productId);
  const [users, locations, lineProducts] = await Promise.all([
    db.user.findMany({ where: { id: { in: [...userIds] } }, select: { id: true, name: true } }),
    db.location.findMany({ where: { id: { in: [...locationIds] } }, select: { id: true, code: true, name: true } }),
    db.product.findMany({ where: { id: { in: [...productIds] } }, select: { id: true, sku: true, name: true, unitCost: true } }),
  ]);
  const productById = new Map(lineProducts.map((p) => [p.id, { sku: p.sku, name: p.name, unitCost: p.unitCost }]));
  const userById = new Map(users.map((u) => [u.id, u]));
  const locationById = new Map(locations.map((l) => [l.id, l]));
  const userRef = (id: string | null) => (id ? (userById.get(id) ?? { id, name: "Unknown user" }) : null);
  const systemName = "The system";

  // The latest run's recommendations by rank, then older ones (decided, superseded, expired) newest first.
  const ordered = [...recommendations].sort((a, b) => {
    const aLatest = a.planRunId === exception.lastRunId;
    const bLatest = b.planRunId === exception.lastRunId;
    if (aLatest !== bLatest) return aLatest ? -1 : 1;
    if (aLatest) return a.rank - b.rank;
    return b.createdAt.getTime() - a.createdAt.getTime() || a.rank - b.rank;
  });
  const recommendationViews: TRecommendationView[] = ordered.map((r) => {
    const changedByIds = [...r.decisions.filter((d) => (d.kind === "route" || d.kind === "modify") && d.actorId).map((d) => d.actorId!), ...(overridersOf.get(r.id) ?? [])];
    const location = (id: number | null) => (id === null ? null : (locationById.get(id) ?? null));
    return {
      id: r.id,
      rank: r.rank,
      actionType: ZActionType.parse(r.actionType),
      status: r.status as RecommendationStatus,
      tier: ZApprovalTier.parse(r.tier),
      quantity: r.quantity,
      proposedQuantity: r.proposedQuantity,
      cost: r.cost,
      benefit: r.benefit,
      netBenefit: r.benefit - r.cost,
      value: r.value,
      source: location(r.sourceLocationId),
      destination: location(r.destLocationId),
      lines: groupLines(
        linesOf.get(r.id) ?? null,
        r.quantity,
        (id) => locationById.get(id) ?? { id, code: "?", name: "Unknown location" },
        (id) => productById.get(id),
      ),
      poNumber: r.poNumber,
      routingReasons: routingReasons(r.details),
      policyVersion: r.policyVersion,
      planRunId: r.planRunId,
      modifiedBy: userRef(r.modifiedById),
      decidedBy: userRef(r.decidedById),
      decidedAt: r.decidedAt?.toISOString() ?? null,
      reasonCode: r.reasonCode,
      createdAt: r.createdAt.toISOString(),
      version: r.version,
      refusals: refusalsFor(actor, r, place, changedByIds),
    };
  });

  const chartData = seriesRow ? parseSeriesChartData(seriesRow.data) : null;
  const chart: TSeriesChart | null = seriesRow && chartData ? buildSeriesChart(seriesRow.planRunId, chartData) : null;
  const score = parseScoreComponents(exception.scoreComponents, {
    moneyAtRisk: exception.moneyAtRisk,
    urgency: exception.urgency,
    daysUntilImpact: exception.daysToImpact ?? 0,
    confidence: exception.confidence,
    score: exception.score,
  });
  const { engineExceptionId, ...scoreComponents } = score;
  const auditEntries: TExceptionAuditEntry[] = audit.map((a) => ({
    seq: a.seq,
    at: a.at.toISOString(),
    action: a.action,
    actor: { id: a.actorId, name: a.actorId ? (userRef(a.actorId)?.name ?? "Unknown user") : systemName, role: a.actorRole },
    before: parseJson(a.before),
    after: parseJson(a.after),
    reason: a.reason,
    planRunId: a.planRunId,
  }));

  return {
    ...item!,
    supplier,
    closedAt: exception.closedAt?.toISOString() ?? null,
    closedReason: exception.closedReason,
    drivers: parseDrivers(exception.drivers),
    scoreComponents,
    recommendations: recommendationViews,
    comments: comments.map((c) => ({ id: c.id, author: userRef(c.authorId)!, body: c.body, createdAt: c.createdAt.toISOString() })),
    history: {
      decisions: [...decisions]
        .sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || (a.id < b.id ? 1 : -1))
        .map((d) => ({
          id: d.id,
          recommendationId: d.recommendationId,
          actionType: ZActionType.parse(d.actionType),
          kind: d.kind,
          fromStatus: d.fromStatus,
          toStatus: d.toStatus,
          actor: { id: d.actorId, name: d.actorId ? (userRef(d.actorId)?.name ?? "Unknown user") : systemName, role: d.actorRole },
          quantityBefore: d.quantityBefore,
          quantityAfter: d.quantityAfter,
          reasonCode: d.reasonCode,
          comment: d.comment,
          policyVersion: d.policyVersion,
          createdAt: d.createdAt.toISOString(),
        })),
      audit: auditEntries,
    },
    chart,
    forecastOverrides: overrides.map((o): TForecastOverrideView => ({
      id: o.id,
      startDate: o.startDate.toISOString().slice(0, 10),
      endDate: o.endDate.toISOString().slice(0, 10),
      dailyUnits: o.overrideUnits,
      replacedUnits: o.statisticalUnits,
      createdAt: o.createdAt.toISOString(),
      source:
        o.sourceActionId === null
          ? { kind: "planner", by: userRef(o.createdById), reasonCode: o.reasonCode }
          : {
              kind: "approved_recommendation",
              recommendationId: o.sourceActionId,
              // Written in the approval's own transaction: the decision's time, or the override's if the row says nothing.
              approvedAt: (o.sourceAction?.decidedAt ?? o.createdAt).toISOString(),
              approvedBy: userRef(o.sourceAction?.decidedById ?? null),
              policyVersion: o.sourceAction?.policyVersion ?? null,
            },
    })),
    trace: {
      planRunId: lastRun.id,
      planRunFinishedAt: lastRun.finishedAt?.toISOString() ?? null,
      asOf: lastRun.asOf.toISOString().slice(0, 10),
      inputHash: lastRun.inputHash,
      engineVersion: lastRun.engineVersion,
      policyVersion: lastRun.policyVersion,
      firstRunId: exception.firstRunId,
      engineExceptionId,
    },
    chartLocation: chartLocationId === exception.locationId ? null : (locationById.get(chartLocationId) ?? null),
    // A forecast is one series': a cluster's stores, or a PO's SKUs, are overridden each from its own series.
    can: { triage: can(actor.role, "exceptions.triage"), overrideForecast: can(actor.role, "forecast.override") && item!.storeGroup === null && item!.supplierOrderGroup === null },
  };
}
