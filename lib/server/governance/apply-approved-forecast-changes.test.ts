import { describe, expect, it } from "vitest";
import type { Exception, Location, PlanRun, Product, Recommendation } from "@prisma/client";
import { db } from "../db";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { createException, createLocation, createPlanRun, createProduct, createRecommendation, createUser } from "../../test/factories";
import { fromDayNumber, MS_PER_DAY, toDayNumber } from "../../engine/calendar";
import type { SeriesChartData } from "../../contracts/plan-runs";
import { APPROVED_RECOMMENDATION_REASON } from "../../contracts/exceptions";
import { getExceptionDetail } from "../exceptions/get-exception-detail";
import { approveRecommendation } from "./approve-recommendation";
import { getActivePolicy } from "./get-active-policy";
import { modifyRecommendation } from "./modify-recommendation";
import { overriddenExceptionIds } from "./forecast-override-authors";
import { routeRecommendations } from "./route-recommendations";
import type { TApprovedForecastChangeAudit } from "./apply-approved-forecast-changes";
import { batchApproveRecommendations } from "./batch-approve-recommendations";
import { decideOnException } from "../exceptions/decide-on-exception";
import { overrideForecast } from "../exceptions/override-forecast";
import type { TPlanRunScope } from "../../contracts/plan-runs";

const NORTH_SNACKS = [
  { kind: "REGION", value: "NORTH" },
  { kind: "CATEGORY", value: "SNACKS" },
] as const;
const planner = () => createUser("planner", { scopes: [...NORTH_SNACKS] });

/** A chart row as a plan run writes it: 28 forecast days from the run's date, the given mean. */
async function writeChart(planRun: PlanRun, exception: Exception, mean: number[], extra: Partial<SeriesChartData> = {}) {
  const forecastFirstDay = toDayNumber(planRun.asOf);
  const zeros = mean.map(() => 0);
  const data: SeriesChartData = {
    historyFirstDay: forecastFirstDay - 7,
    sales: [3, 4, 5, 4, 3, 6, 5],
    forecastFirstDay,
    mean,
    p10: zeros,
    p90: mean.map((v) => v * 2),
    median: zeros,
    pessimistic: zeros,
    safetyStock: 5,
    reorderPoint: 10,
    orderUpToLevel: 20,
    onHand: 12,
    poArrivals: [],
    promotions: [],
    overrides: [],
    method: "ets",
    demandClass: "smooth",
    accuracy: null,
    ...extra,
  };
  await db.planRunSeries.create({ data: { planRunId: planRun.id, locationId: exception.locationId, productId: exception.productId, data: JSON.stringify(data) } });
  return forecastFirstDay;
}

/** A pending "adjust forecast" of +`quantity` units/day priced over `quantityDays` (a demand deviation's), on a series with a chart (a new one unless `location`/`product` say). */
async function forecastChange(
  options: { quantity?: number; quantityDays?: number; mean?: number[]; status?: string; value?: number; chart?: Partial<SeriesChartData>; location?: Location; product?: Product } = {},
) {
  const planRun = await createPlanRun();
  const exception = await createException({ planRun, location: options.location, product: options.product, overrides: { type: "demand_deviation" } });
  const firstDay = await writeChart(planRun, exception, options.mean ?? Array<number>(28).fill(10), options.chart);
  const pricing =
    options.quantityDays === undefined
      ? { model: "fixed", cost: 0, expectedBenefit: 200, governanceValue: 400 }
      : { model: "capped-cover", unitActionCost: 0, unitBenefit: 4, coverableUnits: 100, unitGovernanceValue: 10, quantityDays: options.quantityDays };
  const recommendation = await createRecommendation({
    exception,
    recommendation: {
      actionType: "adjust_forecast",
      quantity: options.quantity ?? 4,
      proposedQuantity: options.quantity ?? 4,
      value: options.value ?? 400,
      details: JSON.stringify({ pricing }),
      ...(options.status ? { status: options.status } : {}),
    },
  });
  return { planRun, exception, recommendation, firstDay };
}

/** A follow-on action on the same series, proposed by a later run after the forecast change. */
function followOn(exception: Exception, fields: Partial<Recommendation> = {}) {
  return createRecommendation({ exception, recommendation: { rank: 2, createdAt: new Date(Date.now() + 60_000), ...fields } });
}

describe("an approved forecast change becomes a forecast override", () => {
  it("writes the override with the approval, over the days the change was priced on, and audits it", async () => {
    // The forecast the run used: 10 a day for a week, then 12; the change adds 4 a day over 10 days.
    const { exception, recommendation, firstDay } = await forecastChange({ quantity: 4, quantityDays: 9.5, mean: [...Array<number>(7).fill(10), ...Array<number>(21).fill(12)] });
    const approver = await planner();
    await approveRecommendation(db, approver, recommendation.id, { expectedVersion: 1 });

    const override = await db.forecastOverride.findUniqueOrThrow({ where: { sourceActionId: recommendation.id } });
    expect(override).toMatchObject({
      locationId: exception.locationId,
      productId: exception.productId,
      createdById: approver.id,
      reasonCode: APPROVED_RECOMMENDATION_REASON,
      startDate: fromDayNumber(firstDay),
      endDate: fromDayNumber(firstDay + 9),
      // (7 × 10 + 3 × 12) / 10 = 10.6 replaced; + 4.
      statisticalUnits: 10.6,
      overrideUnits: 14.6,
      planRunId: recommendation.planRunId,
    });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "forecast.changed_by_approval", entityId: exception.id } });
    expect(audit).toMatchObject({ entityType: "Exception", entityId: exception.id, actorId: approver.id, actorRole: "planner", planRunId: recommendation.planRunId });
    expect(JSON.parse(audit.after!) as TApprovedForecastChangeAudit).toEqual({
      forecastOverrideId: override.id,
      recommendationId: recommendation.id,
      locationId: exception.locationId,
      productId: exception.productId,
      startDate: fromDayNumber(firstDay).toISOString().slice(0, 10),
      endDate: fromDayNumber(firstDay + 9).toISOString().slice(0, 10),
      dailyUnits: 14.6,
      dailyChange: 4,
      replacedUnits: 10.6,
    });
    expect(await verifyAuditChain(db)).toMatchObject({ status: "intact" });
  });

  it("shows on the exception page where the forecast came from: the approver by name, or the policy", async () => {
    const { exception, recommendation, firstDay } = await forecastChange({ quantity: 2, quantityDays: 14 });
    const approver = await createUser("planner", { scopes: [...NORTH_SNACKS], name: "Ana Planner" });
    const { recommendation: approved } = await approveRecommendation(db, approver, recommendation.id, { expectedVersion: 1 });
    const detail = await getExceptionDetail(db, approver, exception.id);
    expect(detail.forecastOverrides).toEqual([
      {
        id: expect.any(String),
        startDate: fromDayNumber(firstDay).toISOString().slice(0, 10),
        endDate: fromDayNumber(firstDay + 13).toISOString().slice(0, 10),
        dailyUnits: 12,
        replacedUnits: 10,
        createdAt: expect.any(String),
        source: { kind: "approved_recommendation", recommendationId: recommendation.id, approvedAt: approved.decidedAt!.toISOString(), approvedBy: { id: approver.id, name: "Ana Planner" }, policyVersion: 1 },
      },
    ]);
    expect(detail.history.audit.map((a) => a.action)).toContain("forecast.changed_by_approval");
  });

  it("holds a change stated over the whole forecast (a drift's) for the horizon, and never forecasts below zero", async () => {
    const { recommendation, firstDay } = await forecastChange({ quantity: -15 });
    await approveRecommendation(db, await planner(), recommendation.id, { expectedVersion: 1 });
    expect(await db.forecastOverride.findUniqueOrThrow({ where: { sourceActionId: recommendation.id } })).toMatchObject({
      startDate: fromDayNumber(firstDay),
      endDate: fromDayNumber(firstDay + 27),
      statisticalUnits: 10,
      overrideUnits: 0,
    });
  });

  it("changes a DC's own forecast, not the demand its stores pull through it", async () => {
    const { recommendation } = await forecastChange({
      quantity: 3,
      quantityDays: 14,
      mean: Array<number>(28).fill(50),
      chart: { pulledThrough: { suppliedLocations: 4 }, ownMean: Array<number>(28).fill(2) },
    });
    await approveRecommendation(db, await planner(), recommendation.id, { expectedVersion: 1 });
    expect(await db.forecastOverride.findUniqueOrThrow({ where: { sourceActionId: recommendation.id } })).toMatchObject({ statisticalUnits: 2, overrideUnits: 5 });
  });

  it("uses the approved quantity when a person changed the recommended one", async () => {
    const { recommendation } = await forecastChange({ quantity: 4, quantityDays: 14 });
    const modified = await modifyRecommendation(db, await planner(), recommendation.id, { expectedVersion: 1, quantity: 6, reasonCode: "quantity_adjusted" });
    await approveRecommendation(db, await planner(), recommendation.id, { expectedVersion: modified.version });
    expect(await db.forecastOverride.findUniqueOrThrow({ where: { sourceActionId: recommendation.id } })).toMatchObject({ overrideUnits: 16 });
  });

  it("writes nothing for other action types", async () => {
    const rec = await createRecommendation();
    await approveRecommendation(db, await planner(), rec.id, { expectedVersion: 1 });
    expect(await db.forecastOverride.count({ where: { sourceActionId: rec.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "forecast.changed_by_approval", entityId: rec.exceptionId } })).toBe(0);
  });

  it("writes nothing when the approval is refused: a role that may not approve (403), or an item out of scope (404)", async () => {
    const { recommendation } = await forecastChange({ quantityDays: 14 });
    for (const role of ["executive", "buyer"] as const) {
      const refused = await createUser(role, { scopes: role === "buyer" ? [{ kind: "CATEGORY", value: "SNACKS" }] : [] });
      await expect(approveRecommendation(db, refused, recommendation.id, { expectedVersion: 1 })).rejects.toMatchObject({ code: "FORBIDDEN", status: 403 });
    }
    const south = await createUser("planner", { scopes: [{ kind: "REGION", value: "SOUTH" }] });
    await expect(approveRecommendation(db, south, recommendation.id, { expectedVersion: 1 })).rejects.toMatchObject({ code: "NOT_FOUND", status: 404 });
    expect(await db.forecastOverride.count({ where: { sourceActionId: recommendation.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "forecast.changed_by_approval", entityId: recommendation.exceptionId } })).toBe(0);
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: recommendation.id } })).toMatchObject({ status: "pending", version: 1 });
  });

  it("writes it when the approval policy auto-approves the change, with no person as its author", async () => {
    await getActivePolicy(db);
    const { exception, recommendation } = await forecastChange({ status: "proposed", value: 100, quantityDays: 14 });
    const summary = await db.$transaction((tx) => routeRecommendations(tx, [recommendation.id]));
    expect(summary).toEqual({ autoApproved: 1, pending: 0 });
    expect(await db.forecastOverride.findUniqueOrThrow({ where: { sourceActionId: recommendation.id } })).toMatchObject({ createdById: null, overrideUnits: 14 });
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: "forecast.changed_by_approval", entityId: exception.id } })).toMatchObject({ actorId: null, actorRole: "system", policyVersion: 1 });
  });

  it("writes nothing when the change is routed to a person instead", async () => {
    await getActivePolicy(db);
    const { recommendation } = await forecastChange({ status: "proposed", value: 2_000, quantityDays: 14 });
    expect(await db.$transaction((tx) => routeRecommendations(tx, [recommendation.id]))).toEqual({ autoApproved: 0, pending: 1 });
    expect(await db.forecastOverride.count({ where: { sourceActionId: recommendation.id } })).toBe(0);
  });
});

describe("segregation of duties after an approved forecast change", () => {
  it("lets the approver of the change approve the action that follows from it; a manual override's author stays barred", async () => {
    const { exception, recommendation } = await forecastChange({ quantityDays: 14 });
    const approver = await planner();
    await approveRecommendation(db, approver, recommendation.id, { expectedVersion: 1 });
    const next = await followOn(exception);
    await expect(approveRecommendation(db, approver, next.id, { expectedVersion: 1 })).resolves.toMatchObject({ recommendation: { status: "approved" } });

    // The same series overridden by hand afterwards: that planner's number shapes what follows.
    const overrider = await planner();
    await db.forecastOverride.create({
      data: {
        locationId: exception.locationId,
        productId: exception.productId,
        createdById: overrider.id,
        reasonCode: "promotion",
        startDate: new Date(Date.now() - MS_PER_DAY),
        endDate: new Date(Date.now() + 14 * MS_PER_DAY),
        overrideUnits: 40,
        statisticalUnits: 14,
      },
    });
    const later = await followOn(exception, { rank: 3, createdAt: new Date(Date.now() + 120_000) });
    await expect(approveRecommendation(db, overrider, later.id, { expectedVersion: 1 })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("segregation of duties"),
    });
    await expect(approveRecommendation(db, approver, later.id, { expectedVersion: 1 })).resolves.toMatchObject({ recommendation: { status: "approved" } });
  });

  it("bars the person who modified the recommended change: the number is theirs", async () => {
    const { exception, recommendation } = await forecastChange({ quantityDays: 14 });
    const modifier = await planner();
    const modified = await modifyRecommendation(db, modifier, recommendation.id, { expectedVersion: 1, quantity: 8, reasonCode: "quantity_adjusted" });
    await approveRecommendation(db, await planner(), recommendation.id, { expectedVersion: modified.version });
    const next = await followOn(exception);
    await expect(approveRecommendation(db, modifier, next.id, { expectedVersion: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("does not stop the policy auto-approving what follows an approved change", async () => {
    await getActivePolicy(db);
    const { exception, recommendation, planRun } = await forecastChange({ quantityDays: 14 });
    await approveRecommendation(db, await planner(), recommendation.id, { expectedVersion: 1 });
    const next = await followOn(exception, { status: "proposed", actionType: "transfer", value: 100 });
    expect(await db.$transaction((tx) => routeRecommendations(tx, [next.id]))).toEqual({ autoApproved: 1, pending: 0 });
    // A plan run's own routing reads the same rule.
    const later = new Date(Date.now() + 3_600_000);
    expect(await db.$transaction((tx) => overriddenExceptionIds(tx, [exception.id], planRun.asOf, later))).toEqual(new Set());
  });
});

/** Plan runs waiting for a worker whose scope covers the product, with their scopes. */
async function queuedReplansOf(productId: number) {
  const queued = await db.planRun.findMany({ where: { status: "queued" }, orderBy: { queuedAt: "asc" } });
  return queued.flatMap((run) => {
    const scope = run.scope ? (JSON.parse(run.scope) as TPlanRunScope) : null;
    return scope?.productId === productId ? [{ ...run, scope }] : [];
  });
}

describe("an approved forecast change replans its series, like a planner's override", () => {
  it("queues a replan of that one series once the approval commits, and answers with it", async () => {
    const { exception, recommendation } = await forecastChange({ quantityDays: 14 });
    const approver = await planner();
    const { recommendation: approved, replanRunId } = await approveRecommendation(db, approver, recommendation.id, { expectedVersion: 1 });
    expect(approved).toMatchObject({ status: "approved" });
    const replans = await queuedReplansOf(exception.productId);
    expect(replans).toEqual([
      expect.objectContaining({ id: replanRunId, trigger: "event", requestedById: approver.id, scope: { productId: exception.productId, locationId: exception.locationId } }),
    ]);
    expect(await db.auditEvent.findFirstOrThrow({ where: { action: "plan_run.queued", entityId: replanRunId! } })).toMatchObject({ actorId: approver.id });
    // A planner's override of the same series while it waits joins that run rather than queuing another.
    const { replanRunId: overrideReplan } = await overrideForecast(db, approver, exception.id, {
      startDate: new Date().toISOString().slice(0, 10),
      endDate: new Date(Date.now() + 7 * MS_PER_DAY).toISOString().slice(0, 10),
      dailyUnits: 9,
      reasonCode: "event",
    });
    expect(overrideReplan).toBe(replanRunId);
  });

  it("tells the exception page, which polls the replan as after an override", async () => {
    const { exception, recommendation } = await forecastChange({ quantityDays: 14 });
    const response = await decideOnException(db, await planner(), exception.id, { decision: "approve", recommendationId: recommendation.id, expectedVersion: 1 });
    expect(response.replanRunId).toBe((await queuedReplansOf(exception.productId))[0]!.id);
  });

  it("queues nothing when the approval changes no forecast, or is refused", async () => {
    const product = await createProduct();
    const transfer = await createRecommendation({ product });
    expect(await approveRecommendation(db, await planner(), transfer.id, { expectedVersion: 1 })).toMatchObject({ replanRunId: null });
    expect(await queuedReplansOf(product.id)).toEqual([]);

    const { exception, recommendation } = await forecastChange({ quantityDays: 14 });
    const executive = await createUser("executive");
    await expect(approveRecommendation(db, executive, recommendation.id, { expectedVersion: 1 })).rejects.toMatchObject({ status: 403 });
    const south = await createUser("planner", { scopes: [{ kind: "REGION", value: "SOUTH" }] });
    await expect(approveRecommendation(db, south, recommendation.id, { expectedVersion: 1 })).rejects.toMatchObject({ status: 404 });
    await expect(approveRecommendation(db, await planner(), recommendation.id, { expectedVersion: 7 })).rejects.toMatchObject({ status: 409 });
    expect(await queuedReplansOf(exception.productId)).toEqual([]);
  });

  it("replans a batch's changed series together after the last item: one run per product, none for refused items", async () => {
    const [shared, single, refusedProduct] = [await createProduct(), await createProduct(), await createProduct()];
    const [north1, north2] = [await createLocation(), await createLocation()];
    const a = await forecastChange({ quantityDays: 14, product: shared, location: north1 });
    const b = await forecastChange({ quantityDays: 14, product: shared, location: north2 });
    const c = await forecastChange({ quantityDays: 14, product: single, location: north1 });
    const refused = await forecastChange({ quantityDays: 14, product: refusedProduct, location: north2 });
    const transfer = await createRecommendation();
    const queuedBefore = await db.planRun.count({ where: { status: "queued" } });
    const summary = await batchApproveRecommendations(db, await planner(), {
      items: [
        { recommendationId: a.recommendation.id, expectedVersion: 1 },
        { recommendationId: c.recommendation.id, expectedVersion: 1 },
        { recommendationId: refused.recommendation.id, expectedVersion: 3 },
        { recommendationId: b.recommendation.id, expectedVersion: 1 },
        { recommendationId: transfer.id, expectedVersion: 1 },
      ],
      confirm: true,
    });
    expect(summary).toMatchObject({ approved: 4, refused: 1, replannedSeries: 3 });
    // Two locations of one product: the product at every location (an event replan's scope); the other product's one series alone.
    const [sharedRun] = await queuedReplansOf(shared.id);
    const [singleRun] = await queuedReplansOf(single.id);
    expect(sharedRun).toMatchObject({ scope: { productId: shared.id } });
    expect(singleRun).toMatchObject({ scope: { productId: single.id, locationId: north1.id } });
    // In product order (the shared product was created first).
    expect(summary.replanRunIds).toEqual([sharedRun!.id, singleRun!.id]);
    expect(await queuedReplansOf(refusedProduct.id)).toEqual([]);
    expect(await db.planRun.count({ where: { status: "queued" } })).toBe(queuedBefore + 2);
  });

  it("does not replan what the policy auto-approves: a plan run's publish leaves its changes to the next run, so runs never queue runs", async () => {
    await getActivePolicy(db);
    const { exception, recommendation } = await forecastChange({ status: "proposed", value: 100, quantityDays: 14 });
    expect(await db.$transaction((tx) => routeRecommendations(tx, [recommendation.id]))).toEqual({ autoApproved: 1, pending: 0 });
    expect(await db.forecastOverride.count({ where: { sourceActionId: recommendation.id } })).toBe(1);
    expect(await queuedReplansOf(exception.productId)).toEqual([]);
  });
});
