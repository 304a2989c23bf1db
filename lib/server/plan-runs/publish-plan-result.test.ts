import { DEFAULT_MIN_DECISION_VALUE } from "../../contracts/governance";
import { beforeAll, describe, expect, it } from "vitest";
import type { Location, Product } from "@prisma/client";
import type { PlanException } from "../../engine/exceptions/exception-types";
import type { PlanResult } from "../../engine/plan/plan-types";
import { db } from "../db";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { decideOnException } from "../exceptions/decide-on-exception";
import { createLocation, createProduct, createUser, type TestUser } from "../../test/factories";
import { requestPlanRun } from "./request-plan-run";
import { executePlanRun } from "./execute-plan-run";
import type { PlanInputs } from "./load-plan-inputs";
import { publishPlanResult, resolvePlanExceptions } from "./publish-plan-result";
import { writeDriftFindings } from "./write-drift-findings";
import { getActivePolicy } from "../governance/get-active-policy";

let store: Location;
let product: Product;
let planner: TestUser;
let inputs: PlanInputs;

/** A projected stock-out at the test store with the money at risk given, and two ranked actions. */
function stockout(moneyAtRisk: number, daysUntilImpact = 4): PlanException {
  const confidence = 0.6; // below the auto-approval minimum: actions wait for a person
  const urgency = 1 / (1 + daysUntilImpact / 7);
  return {
    id: `projected-stockout:${store.code}|${product.sku}`,
    type: "projected-stockout",
    seriesId: `${store.code}|${product.sku}`,
    locationId: store.code,
    sku: product.sku,
    score: { moneyAtRisk, urgency, daysUntilImpact, confidence, score: moneyAtRisk * urgency * confidence },
    drivers: [{ key: "lost-margin", label: "lost margin", value: moneyAtRisk, unit: "money", text: `$${moneyAtRisk}` }],
    rootCause: `Projected stock-out: lost margin $${moneyAtRisk}.`,
    actions: [
      { rank: 1, kind: "raise-order", quantity: 120, destinationId: store.code, cost: 0, expectedBenefit: moneyAtRisk, netBenefit: moneyAtRisk, governanceValue: 240, pricing: { model: "capped-cover", unitActionCost: 0, unitBenefit: moneyAtRisk / 120, coverableUnits: 120, unitGovernanceValue: 2 }, quantityBasis: 0 },
      { rank: 2, kind: "transfer-in", quantity: 30, sourceId: store.code, destinationId: store.code, cost: 20, expectedBenefit: 100, netBenefit: 80, governanceValue: 60, pricing: { model: "fixed", cost: 20, expectedBenefit: 100, governanceValue: 60 }, quantityBasis: 0 },
    ],
  };
}

function result(exceptions: PlanException[]): PlanResult {
  return { status: "ok", asOf: 20_000, series: [], exceptions, driftFindings: [], allocations: [], transfers: [], timings: { forecast: 0, policy: 0, allocation: 0, exceptions: 0, total: 0 }, skipped: [] };
}

/** Publishes an engine result as a new plan run, the way executePlanRun does after the engine. */
async function persistRun(exceptions: PlanException[]) {
  const run = await db.planRun.create({ data: { status: "running", trigger: "manual", asOf: new Date() } });
  const { resolved } = resolvePlanExceptions(inputs, result(exceptions));
  const counts = await db.$transaction((tx) => publishPlanResult(tx, { runId: run.id, inputs, resolved, now: new Date() }), { timeout: 60_000 });
  return { run, counts };
}

const theException = () => db.exception.findFirstOrThrow({ where: { locationId: store.id, productId: product.id, type: "stockout" } });

beforeAll(async () => {
  store = await createLocation({ region: "NORTH" });
  product = await createProduct({ category: "SNACKS" });
  planner = await createUser("planner", { scopes: [{ kind: "REGION", value: "NORTH" }, { kind: "CATEGORY", value: "SNACKS" }] });
  inputs = {
    snapshot: { asOf: 20_000, locations: [], products: [], suppliers: [], demand: [], stock: [], purchaseOrders: [], promotions: [] },
    planDate: new Date(),
    inputHash: "test",
    policyVersion: 1,
    minDecisionValue: DEFAULT_MIN_DECISION_VALUE,
    locationsByCode: new Map([[store.code, { id: store.id, code: store.code, region: store.region }]]),
    productsBySku: new Map([[product.sku, { id: product.id, sku: product.sku, category: product.category, supplierId: product.supplierId, unitCost: product.unitCost, unitPrice: product.unitPrice }]]),
    overrides: new Map(),
    scope: null,
  };
});

describe("exception identity across plan runs", () => {
  it("keeps one exception for the same condition, with its comments and assignee; unchanged actions carry over, changed ones replace the old", async () => {
    const first = await persistRun([stockout(400)]);
    expect(first.counts).toMatchObject({ opened: 1, recommendations: 2, pending: 2 });
    const raised = await theException();
    expect(raised).toMatchObject({ status: "open", identityKey: `stockout|${store.id}|${product.id}`, region: "NORTH", category: "SNACKS", tierRequired: "manager" });

    await decideOnException(db, planner, raised.id, { decision: "comment", body: "Checking with the DC" });
    await decideOnException(db, planner, raised.id, { decision: "assign", expectedVersion: raised.version, assigneeId: planner.id });

    // +5 %: the same two actions stay as they are (nobody is asked twice), now part of the second run.
    const second = await persistRun([stockout(420)]);
    expect(second.counts).toMatchObject({ opened: 0, updated: 1, superseded: 0, recommendations: 0, carriedOver: 2 });
    const again = await theException();
    expect(again.id).toBe(raised.id);
    expect(again).toMatchObject({ status: "open", assigneeId: planner.id, firstRunId: first.run.id, lastRunId: second.run.id, moneyAtRisk: 420 });
    expect(await db.exceptionComment.count({ where: { exceptionId: raised.id } })).toBe(1);
    const carried = await db.recommendation.findMany({ where: { exceptionId: raised.id }, orderBy: { rank: "asc" } });
    expect(carried.map((r) => [r.planRunId, r.status, r.rank])).toEqual([
      [second.run.id, "pending", 1],
      [second.run.id, "pending", 2],
    ]);

    // +43 % on the order's benefit: that action is proposed anew and the old one superseded; the unchanged transfer stays.
    const third = await persistRun([stockout(600)]);
    expect(third.counts).toMatchObject({ updated: 1, superseded: 1, recommendations: 1, carriedOver: 1 });
    const recommendations = await db.recommendation.findMany({ where: { exceptionId: raised.id }, orderBy: [{ actionType: "asc" }, { status: "asc" }] });
    expect(recommendations.map((r) => [r.actionType, r.status, r.planRunId === third.run.id])).toEqual([
      ["raise_order", "pending", true],
      ["raise_order", "superseded", false],
      ["transfer", "pending", true],
    ]);
  });

  it("a rejected action is not proposed again, and a modified quantity stays, until the proposal moves materially", async () => {
    const open = await theException();
    const [order, transfer] = await db.recommendation.findMany({ where: { exceptionId: open.id, status: "pending" }, orderBy: { rank: "asc" } });
    await decideOnException(db, planner, open.id, { decision: "reject", recommendationId: transfer!.id, expectedVersion: transfer!.version, reasonCode: "capacity_constraint" });
    await decideOnException(db, planner, open.id, { decision: "modify", recommendationId: order!.id, expectedVersion: order!.version, quantity: 90, reasonCode: "quantity_adjusted" });

    const same = await persistRun([stockout(610)]);
    expect(same.counts).toMatchObject({ recommendations: 0, carriedOver: 1, notProposedAgain: 1, superseded: 0 });
    const kept = await db.recommendation.findUniqueOrThrow({ where: { id: order!.id } });
    expect(kept).toMatchObject({ status: "pending", quantity: 90, proposedQuantity: 120, planRunId: same.run.id, rank: 1 });

    const moved = stockout(610);
    moved.actions = moved.actions.map((action) => (action.kind === "transfer-in" ? { ...action, quantity: 45, expectedBenefit: 150 } : action));
    const changed = await persistRun([moved]);
    expect(changed.counts).toMatchObject({ recommendations: 1, carriedOver: 1, notProposedAgain: 0 });
    expect(await db.recommendation.count({ where: { exceptionId: open.id, status: "pending", actionType: "transfer", quantity: 45 } })).toBe(1);
  });

  it("closes an exception whose condition disappeared, with that reason, and reopens the same one when it returns", async () => {
    const before = await theException();
    const gone = await persistRun([]);
    expect(gone.counts).toMatchObject({ closed: 1, superseded: 2 });
    const closed = await theException();
    expect(closed).toMatchObject({ id: before.id, status: "closed", closedReason: "condition_cleared" });
    expect(await db.recommendation.count({ where: { exceptionId: before.id, status: "pending" } })).toBe(0);

    const back = await persistRun([stockout(410)]);
    expect(back.counts).toMatchObject({ reopened: 1, opened: 0 });
    expect(await theException()).toMatchObject({ id: before.id, status: "open", closedReason: null, closedAt: null, assigneeId: planner.id });
  });

  it("does not raise a decided exception again unless the situation changed materially", async () => {
    const open = await theException();
    const top = await db.recommendation.findFirstOrThrow({ where: { exceptionId: open.id, status: "pending", rank: 2 } });
    const response = await decideOnException(db, planner, open.id, { decision: "approve", recommendationId: top.id, expectedVersion: top.version });
    expect(response.exception).toMatchObject({ status: "resolved", closedReason: "action_approved" });

    const same = await persistRun([stockout(480)]); // +17 %: not material
    expect(same.counts).toMatchObject({ suppressed: 1, reopened: 0, recommendations: 0 });
    expect(await theException()).toMatchObject({ status: "resolved", moneyAtRisk: 410 });

    const worse = await persistRun([stockout(650)]); // +59 % over the money at risk when decided: decided afresh
    expect(worse.counts).toMatchObject({ reopened: 1, recommendations: 2 });
    expect(await theException()).toMatchObject({ id: open.id, status: "open", moneyAtRisk: 650 });
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: top.id } })).toMatchObject({ status: "approved" });
  });

  it("re-raises a decided stock-out that came twice as close, at the same money", async () => {
    const open = await theException();
    for (const r of await db.recommendation.findMany({ where: { exceptionId: open.id, status: "pending" } })) {
      await decideOnException(db, planner, open.id, { decision: "reject", recommendationId: r.id, expectedVersion: r.version, reasonCode: "timing" });
    }
    expect(await theException()).toMatchObject({ status: "resolved", closedReason: "actions_rejected" });
    expect((await persistRun([stockout(650, 6)])).counts).toMatchObject({ suppressed: 1 });
    expect((await persistRun([stockout(650, 2)])).counts).toMatchObject({ reopened: 1 });
    expect(await verifyAuditChain(db)).toMatchObject({ status: "intact" });
  });
});

describe("carry-over of a person's decisions across plan runs", () => {
  it("a snooze stands across runs while nothing moved materially — also in steps that add up — and ends when the situation does", async () => {
    const open = await theException();
    expect(open.status).toBe("open");
    await decideOnException(db, planner, open.id, { decision: "snooze", expectedVersion: open.version, until: "2999-01-01" });
    const snoozedAt = (await theException()).moneyAtRisk;
    // Each step under 20 %, together past it: the snooze is judged against the situation when it was set.
    for (const share of [1.1, 1.15]) {
      await persistRun([stockout(Math.round(snoozedAt * share), 2)]);
      expect(await theException()).toMatchObject({ status: "snoozed" });
    }
    await persistRun([stockout(Math.round(snoozedAt * 1.3), 2)]);
    expect(await theException()).toMatchObject({ status: "open" });
  });

  it("a pending item stays while the proposal moves within the input it is cut from, and is proposed anew past it", async () => {
    const open = await theException();
    const withBasis = (quantity: number): PlanException => {
      const exception = stockout(open.moneyAtRisk, 2);
      exception.actions = exception.actions.map((action) => (action.kind === "raise-order" ? { ...action, quantity, quantityBasis: 400 } : action));
      return exception;
    };
    await persistRun([withBasis(120)]);
    const order = await db.recommendation.findFirstOrThrow({ where: { exceptionId: open.id, status: "pending", actionType: "raise_order" } });
    // 120 → 160 units is a third more, but a tenth of the 400-unit level it is cut from: the same item stays.
    const within = await persistRun([withBasis(160)]);
    expect(within.counts).toMatchObject({ recommendations: 0 });
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "pending", quantity: 120, planRunId: within.run.id });
    const past = await persistRun([withBasis(220)]);
    expect(past.counts).toMatchObject({ recommendations: 1 });
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: order.id } })).toMatchObject({ status: "superseded" });
  });
});

describe("plan run lifecycle", () => {
  it("fails a run without sales data, saying why, with queued/started/failed audit events", async () => {
    const queued = await requestPlanRun(db, { trigger: "manual", requestedBy: { id: planner.id, role: "planner", scopes: [] } });
    const duplicate = await requestPlanRun(db, { trigger: "import" });
    expect(duplicate.id).toBe(queued.id);
    expect(await executePlanRun(db, queued.id)).toEqual({ status: "failed", runId: queued.id });
    expect(await executePlanRun(db, queued.id)).toEqual({ status: "not-queued", runId: queued.id });
    const run = await db.planRun.findUniqueOrThrow({ where: { id: queued.id } });
    expect(run).toMatchObject({ status: "failed", error: "There is no sales data to plan from yet. Import sales first." });
    const actions = await db.auditEvent.findMany({ where: { entityType: "PlanRun", entityId: queued.id }, orderBy: { seq: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["plan_run.queued", "plan_run.started", "plan_run.failed"]);
  });
});

describe("the value bar", () => {
  /** An exception at the test store on its own product whose one action nets `net`. */
  function withAction(sku: string, kind: "markdown" | "raise-order" | "adjust-forecast", net: number, confidence: number): PlanException {
    const seriesId = `${store.code}|${sku}`;
    return {
      id: `demand-deviation:${seriesId}`,
      type: "demand-deviation",
      seriesId,
      locationId: store.code,
      sku,
      score: { moneyAtRisk: net, urgency: 1, daysUntilImpact: 0, confidence, score: net * confidence },
      drivers: [],
      rootCause: "Demand deviates from forecast.",
      actions: [{ rank: 1, kind, quantity: 10, destinationId: store.code, cost: 0, expectedBenefit: net, netBenefit: net, governanceValue: 20, pricing: { model: "fixed", cost: 0, expectedBenefit: net, governanceValue: 20 }, quantityBasis: 0 }],
    };
  }
  const rowOf = (sku: string) => db.exception.findFirstOrThrow({ where: { locationId: store.id, productId: inputs.productsBySku.get(sku)!.id, type: "demand_deviation" } });

  it("marks an item whose action needs a person but nets less than the bar, not one above it, nor an order, nor one the system approves", async () => {
    const skus: string[] = [];
    for (let i = 0; i < 4; i += 1) {
      const extra = await createProduct({ category: "SNACKS" });
      inputs.productsBySku.set(extra.sku, { id: extra.id, sku: extra.sku, category: extra.category, supplierId: extra.supplierId, unitCost: extra.unitCost, unitPrice: extra.unitPrice });
      skus.push(extra.sku);
    }
    const [small, large, automatic, order] = skus as [string, string, string, string];
    const { minDecisionValue } = (await getActivePolicy(db)).rules;
    await persistRun([
      // A markdown always needs a person: below the bar nobody is asked.
      withAction(small, "markdown", minDecisionValue - 1, 0.9),
      withAction(large, "markdown", minDecisionValue, 0.9),
      // An order protects sales: it is asked whatever it nets.
      withAction(order, "raise-order", 1, 0.9),
      // A forecast change within the auto-approval guards is approved by the system whatever it nets.
      withAction(automatic, "adjust-forecast", 1, 0.9),
    ]);
    expect(await rowOf(small)).toMatchObject({ status: "open", belowValueBar: true, tierRequired: "planner" });
    expect(await rowOf(large)).toMatchObject({ status: "open", belowValueBar: false, tierRequired: "planner" });
    expect(await rowOf(order)).toMatchObject({ status: "open", belowValueBar: false, tierRequired: "manager" });
    expect(await rowOf(automatic)).toMatchObject({ status: "resolved", closedReason: "auto_approved", belowValueBar: false });
  });
});

describe("forecast drift below the value bar (the run's drift record)", () => {
  /** A drift exception at the test store on `sku`, its model review worth `money`. */
  function drift(sku: string, money: number): PlanException {
    const seriesId = `${store.code}|${sku}`;
    return {
      id: `forecast-drift:${seriesId}`,
      type: "forecast-drift",
      seriesId,
      locationId: store.code,
      sku,
      score: { moneyAtRisk: money, urgency: 1, daysUntilImpact: 0, confidence: 0.7, score: money * 0.7 },
      drivers: [],
      rootCause: "Forecast persistently off.",
      actions: [{ rank: 1, kind: "review-model", quantity: 0, cost: 0, expectedBenefit: money, netBenefit: money, governanceValue: money, pricing: { model: "fixed", cost: 0, expectedBenefit: money, governanceValue: money }, quantityBasis: 0 }],
    };
  }
  /** Publishes a run whose engine raised `exceptions` and recorded `belowBar` drift findings, the way executePlanRun does. */
  async function persistWithRecord(exceptions: PlanException[], belowBar: string[]) {
    const run = await db.planRun.create({ data: { status: "running", trigger: "manual", asOf: new Date() } });
    const findings = belowBar.map((sku) => ({
      exceptionId: `forecast-drift:${store.code}|${sku}`,
      seriesId: `${store.code}|${sku}`,
      locationId: store.code,
      sku,
      method: "ses",
      bias: -0.4,
      currentBias: -0.35,
      trackingSignal: -5,
      wape: 0.4,
      backtestDays: 28,
      moneyAtRisk: 10,
      confidence: 0.7,
      passedValueBar: false,
    }));
    await writeDriftFindings(db, { runId: run.id, inputs, findings });
    const { resolved } = resolvePlanExceptions(inputs, result(exceptions));
    const counts = await db.$transaction((tx) => publishPlanResult(tx, { runId: run.id, inputs, resolved, now: new Date() }), { timeout: 60_000 });
    return { run, counts };
  }
  const driftRow = (sku: string) => db.exception.findFirstOrThrow({ where: { locationId: store.id, productId: inputs.productsBySku.get(sku)!.id, type: "forecast_drift" } });

  it("an open drift exception from an earlier run closes as monitored once the run records it below the bar; one whose drift is gone closes as cleared", async () => {
    const [monitored, cleared] = [await createProduct({ category: "SNACKS" }), await createProduct({ category: "SNACKS" })];
    for (const extra of [monitored, cleared]) {
      inputs.productsBySku.set(extra.sku, { id: extra.id, sku: extra.sku, category: extra.category, supplierId: extra.supplierId, unitCost: extra.unitCost, unitPrice: extra.unitPrice });
    }
    // Before the record existed, drift below the bar was an open exception marked below the bar.
    await persistWithRecord([drift(monitored.sku, 20), drift(cleared.sku, 30)], []);
    expect(await driftRow(monitored.sku)).toMatchObject({ status: "open", belowValueBar: true });
    const earlier = await db.recommendation.count({ where: { exception: { productId: { in: [monitored.id, cleared.id] } }, status: "pending" } });
    expect(earlier).toBe(2);

    const next = await persistWithRecord([], [monitored.sku]);
    expect(await driftRow(monitored.sku)).toMatchObject({ status: "closed", closedReason: "below_value_bar" });
    expect(await driftRow(cleared.sku)).toMatchObject({ status: "closed", closedReason: "condition_cleared" });
    expect(next.counts).toMatchObject({ closed: 2, opened: 0 });
    // Their undecided items left the queue the normal way.
    expect(await db.recommendation.count({ where: { exception: { productId: { in: [monitored.id, cleared.id] } }, status: "pending" } })).toBe(0);
    expect(await db.planRunDriftFinding.findMany({ where: { planRunId: next.run.id } })).toEqual([
      expect.objectContaining({ locationId: store.id, productId: monitored.id, category: "SNACKS", method: "ses", passedValueBar: false, trackingSignal: -5 }),
    ]);

    // Past the bar again, the same exception reopens in the queue.
    await persistWithRecord([drift(monitored.sku, 500)], []);
    expect(await driftRow(monitored.sku)).toMatchObject({ status: "open", closedReason: null, belowValueBar: false });
  });
});
