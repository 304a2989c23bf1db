import { createReadStream, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateDemoRetailer } from "../../demo/generate-demo-retailer";
import { db } from "../db";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { getExceptionDetail } from "../exceptions/get-exception-detail";
import { listExceptions } from "../exceptions/list-exceptions";
import { ZExceptionListQuery } from "../../contracts/exceptions";
import { overrideForecast } from "../exceptions/override-forecast";
import { getKpiDashboard } from "../kpis/get-kpi-dashboard";
import { ZKpiQuery } from "../../contracts/kpis";
import { parseSeriesChartData } from "../../contracts/plan-runs";
import { fileKindFromName, importBatch } from "../imports/import-batch";
import { createRecommendation, createUser } from "../../test/factories";
import { approveRecommendation } from "../governance/approve-recommendation";
import { requestPlanRun } from "./request-plan-run";
import { executePlanRun } from "./execute-plan-run";
import { getPlanRun } from "./get-plan-run";
import type { TPlanRunView } from "../../contracts/plan-runs";
import { isoDay, MS_PER_DAY, toDayNumber } from "../../engine/calendar";

/** Sales end yesterday, so the data is fresh and the auto-approval guards can pass. */
const END_DATE = new Date().toISOString().slice(0, 10);
let dir = "";
let run: TPlanRunView;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), "stockpilot-plan-demo-"));
  await generateDemoRetailer({ size: "small", seed: 42, endDate: END_DATE, outDir: dir });
  const files = readdirSync(dir).flatMap((name) => {
    const kind = fileKindFromName(name);
    return kind ? [{ kind, fileName: name, open: () => createReadStream(path.join(dir, name)) }] : [];
  });
  const imported = await importBatch(db, { files, actor: { id: null, role: "admin", scopes: [] } as const, source: "cli" });
  expect(imported.status).toBe("succeeded");
  const queued = await requestPlanRun(db, { trigger: "import" });
  expect(await executePlanRun(db, queued.id, { engine: { forecastWorkers: 2 } })).toMatchObject({ status: "succeeded" });
  run = await getPlanRun(db, queued.id);
}, 300_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a plan run on the small demo retailer", () => {
  it("queues no replan for the forecast changes its publish auto-approved: the next run plans with them, and runs never queue runs", async () => {
    expect(await db.recommendation.count({ where: { planRunId: run.id, actionType: "adjust_forecast", status: "auto_approved" } })).toBeGreaterThan(0);
    expect(await db.planRun.findMany({ where: { id: { not: run.id } } })).toEqual([]);
  });

  it("records status, trace, timings per stage and counts", () => {
    expect(run).toMatchObject({ status: "succeeded", trigger: "import", progress: 1, stage: null, engineVersion: expect.any(String), policyVersion: 1 });
    expect(run.inputHash).toMatch(/^[0-9a-f]{64}$/);
    expect(run.asOf).toBe(END_DATE);
    for (const stage of ["snapshot", "forecast", "planning", "persist", "total"] as const) expect(run.stageTimings?.[stage]).toBeGreaterThanOrEqual(0);
    const counts = run.counts!;
    expect(counts.series).toBeGreaterThan(1_000);
    expect(counts.opened).toBeGreaterThan(0);
    expect(counts.recommendations).toBe(counts.autoApproved + counts.pending);
    expect(counts.chartSeries).toBeGreaterThan(0);
  });

  it("persists exceptions with recommendations routed to tiers, chart series only where there are exceptions, audited", async () => {
    const exceptions = await db.exception.count({ where: { firstRunId: run.id } });
    expect(exceptions).toBe(run.counts!.opened);
    expect(await db.recommendation.count({ where: { planRunId: run.id, status: "proposed" } })).toBe(0);
    const seriesRows = await db.planRunSeries.count({ where: { planRunId: run.id } });
    expect(seriesRows).toBe(run.counts!.chartSeries);
    expect(seriesRows).toBeLessThan(run.counts!.series);
    const actions = await db.auditEvent.findMany({ where: { entityType: "PlanRun", entityId: run.id }, orderBy: { seq: "asc" } });
    expect(actions.map((a) => a.action)).toEqual(["plan_run.queued", "plan_run.started", "plan_run.succeeded"]);
    expect(await verifyAuditChain(db)).toMatchObject({ status: "intact" });
  });

  it("records every forecast drift finding of the run, and raises as exceptions only those past the value bar", async () => {
    const findings = await db.planRunDriftFinding.findMany({ where: { planRunId: run.id } });
    const key = (row: { locationId: number; productId: number }) => `${row.locationId}|${row.productId}`;
    const raised = await db.exception.findMany({ where: { type: "forecast_drift", lastRunId: run.id }, select: { locationId: true, productId: true, moneyAtRisk: true } });
    expect(new Set(raised.map(key))).toEqual(new Set(findings.filter((finding) => finding.passedValueBar).map(key)));
    // The demo has drift on both sides of the bar: the monitored ones are in the record only.
    const below = findings.filter((finding) => !finding.passedValueBar);
    expect(below.length).toBeGreaterThan(0);
    expect(raised.length).toBeGreaterThan(0);
    expect(Math.max(...below.map((finding) => finding.moneyAtRisk))).toBeLessThan(Math.min(...raised.map((exception) => exception.moneyAtRisk)));
  });

  it("serves the top exception's detail with drivers, ranked actions, chart and trace", async () => {
    const admin = await createUser("admin");
    const page = await listExceptions(db, admin, ZExceptionListQuery.parse({ limit: "5" }));
    expect(page.items.length).toBe(5);
    const detail = await getExceptionDetail(db, admin, page.items[0]!.id);
    expect(detail.drivers.length).toBeGreaterThan(0);
    expect(detail.recommendations.map((r) => r.rank)).toEqual([...detail.recommendations.map((r) => r.rank)].sort((a, b) => a - b));
    expect(detail.trace).toMatchObject({ planRunId: run.id, inputHash: run.inputHash, policyVersion: 1 });
    expect(detail.chart).not.toBeNull();
    const chart = detail.chart!;
    expect(chart.sales.length).toBe(chart.days.length);
    expect(chart.mean[chart.forecastStartIndex]).not.toBeNull();
    expect(chart.days[chart.forecastStartIndex]).toBe(END_DATE);
  });

  it("counts customer returns: charts show returns received and units back in stock, the dashboard a return rate from the data", async () => {
    const typeOf = new Map((await db.location.findMany()).map((l) => [l.id, l.type]));
    const rows = await db.planRunSeries.findMany({ where: { planRunId: run.id } });
    const charts = rows.map((row) => ({ type: typeOf.get(row.locationId), chart: parseSeriesChartData(row.data)! }));
    const withReturns = charts.filter((c) => c.chart.returns);
    expect(withReturns.length).toBeGreaterThan(0);
    for (const { type, chart } of withReturns) {
      const returns = chart.returns!;
      expect(returns.received).toHaveLength(chart.sales.length);
      expect(returns.backToStock).toHaveLength(chart.mean.length);
      // The demo returns about 20 % online and 5 % in stores (shrunk per series toward its location).
      if (type === "ECOM") expect(returns.rate).toBeGreaterThan(0.1);
      else expect(returns.rate).toBeLessThan(0.12);
    }
    expect(withReturns.some((c) => c.chart.returns!.backToStock.some((units) => units > 0))).toBe(true);

    const exec = await createUser("executive");
    const dashboard = await getKpiDashboard(db, ZKpiQuery.parse({}), { role: exec.role, scopes: [] });
    const tile = dashboard.tiles.find((t) => t.id === "returnRate")!;
    const asOf = Date.parse(END_DATE);
    const since = new Date(asOf - 28 * MS_PER_DAY);
    const selling = { location: { type: { in: ["STORE", "ECOM"] } } };
    const returned = (await db.returnDaily.aggregate({ where: { ...selling, date: { gte: since } }, _sum: { units: true } }))._sum.units!;
    const sold = (await db.salesDaily.aggregate({ where: { ...selling, date: { gte: since } }, _sum: { units: true } }))._sum.units!;
    expect(tile.value).toBeCloseTo(returned / sold, 3);
    expect(tile.value!).toBeGreaterThan(0.03);
    expect(tile.value!).toBeLessThan(0.2);
  });

  it("replans one series after a forecast override, leaving the rest of the network alone", async () => {
    const planner = await createUser("planner");
    const target = await db.exception.findFirstOrThrow({ where: { status: "open", type: "stockout" }, orderBy: { score: "desc" } });
    const location = await db.location.findUniqueOrThrow({ where: { id: target.locationId } });
    const product = await db.product.findUniqueOrThrow({ where: { id: target.productId } });
    await db.userScope.createMany({ data: [{ userId: planner.id, kind: "STORE", value: location.code }, { userId: planner.id, kind: "CATEGORY", value: product.category }] });
    const actor = { id: planner.id, role: planner.role, scopes: [{ kind: "STORE" as const, value: location.code }, { kind: "CATEGORY" as const, value: product.category }] };
    const end = new Date(Date.parse(END_DATE) + 27 * MS_PER_DAY).toISOString().slice(0, 10);
    const { replanRunId } = await overrideForecast(db, actor, target.id, { startDate: END_DATE, endDate: end, dailyUnits: 0, reasonCode: "event" });
    const openElsewhere = await db.exception.count({ where: { status: "open", NOT: { locationId: target.locationId, productId: target.productId } } });
    expect(await executePlanRun(db, replanRunId!, { engine: { forecastWorkers: 1 } })).toMatchObject({ status: "succeeded" });
    const replan = await getPlanRun(db, replanRunId!);
    expect(replan).toMatchObject({ trigger: "event", scope: { locationId: target.locationId, productId: target.productId } });
    expect(replan.counts!.series).toBe(1);
    // With no demand forecast, the stock-out is gone: closed with its reason, same row.
    expect(await db.exception.findUniqueOrThrow({ where: { id: target.id } })).toMatchObject({ status: "closed", closedReason: "condition_cleared" });
    expect(await db.exception.count({ where: { status: "open", NOT: { locationId: target.locationId, productId: target.productId } } })).toBe(openElsewhere);
  });

  it("plans the next run with the forecast changes it auto-approved; a later manual override replaces one on the days they share", async () => {
    // Publishing the run turned each auto-approved forecast change into an override nobody authored.
    const changes = await db.recommendation.findMany({ where: { planRunId: run.id, actionType: "adjust_forecast", status: "auto_approved" }, include: { exception: true } });
    expect(changes.length).toBeGreaterThan(0);
    const written = await db.forecastOverride.findMany({ where: { sourceActionId: { in: changes.map((r) => r.id) } } });
    expect(written).toHaveLength(changes.length);
    expect(written.every((o) => o.createdById === null && o.reasonCode === "approved_recommendation")).toBe(true);

    // A store's change (a DC's chart shows pulled-through demand) on a series nobody overrode by hand.
    const stores = new Set((await db.location.findMany({ where: { type: "STORE" }, select: { id: true } })).map((l) => l.id));
    const manual = await db.forecastOverride.findMany({ where: { sourceActionId: null } });
    const change = changes.find((r) => stores.has(r.exception.locationId) && !manual.some((o) => o.locationId === r.exception.locationId && o.productId === r.exception.productId))!;
    const approved = written.find((o) => o.sourceActionId === change.id)!;
    const firstDay = toDayNumber(approved.startDate);
    const lastDay = toDayNumber(approved.endDate);
    expect(lastDay - firstDay).toBeGreaterThanOrEqual(3);

    // A planner overrides the first two days afterwards: that replans the series.
    const location = await db.location.findUniqueOrThrow({ where: { id: change.exception.locationId } });
    const product = await db.product.findUniqueOrThrow({ where: { id: change.exception.productId } });
    const planner = await createUser("planner");
    const scopes = [{ kind: "STORE" as const, value: location.code }, { kind: "CATEGORY" as const, value: product.category }];
    await db.userScope.createMany({ data: scopes.map((scope) => ({ userId: planner.id, ...scope })) });
    const manualUnits = approved.overrideUnits + 7;
    const { replanRunId } = await overrideForecast(db, { id: planner.id, role: planner.role, scopes }, change.exceptionId, {
      startDate: isoDay(firstDay),
      endDate: isoDay(firstDay + 1),
      dailyUnits: manualUnits,
      reasonCode: "event",
    });
    expect(await executePlanRun(db, replanRunId!, { engine: { forecastWorkers: 1 } })).toMatchObject({ status: "succeeded" });
    const row = await db.planRunSeries.findFirstOrThrow({ where: { planRunId: replanRunId!, locationId: location.id, productId: product.id } });
    const chart = parseSeriesChartData(row.data)!;
    const forecastOn = (day: number) => chart.mean[day - chart.forecastFirstDay];
    expect(chart.forecastFirstDay).toBe(firstDay);
    expect([forecastOn(firstDay), forecastOn(firstDay + 1)]).toEqual([manualUnits, manualUnits]);
    for (let day = firstDay + 2; day <= lastDay; day += 1) expect(forecastOn(day)).toBe(approved.overrideUnits);
    expect(chart.overrides).toEqual([
      { firstDay, lastDay: firstDay + 1, dailyUnits: manualUnits },
      { firstDay, lastDay, dailyUnits: approved.overrideUnits },
    ]);
  });
});

describe("a person's approval of a forecast change on the small demo retailer", () => {
  it("replans the series with the approved forecast at once, and that replan's publish queues nothing more", async () => {
    // The demo's own forecast changes were all auto-approved: this one waits for a planner on a store series of the
    // run that no override covers yet, priced over a week as a deviation's would be.
    const key = (row: { locationId: number; productId: number }) => `${row.locationId}|${row.productId}`;
    const overridden = new Set((await db.forecastOverride.findMany()).map(key));
    const charted = new Set((await db.planRunSeries.findMany({ where: { planRunId: run.id }, select: { locationId: true, productId: true } })).map(key));
    const stores = (await db.location.findMany({ where: { type: "STORE" }, select: { id: true } })).map((l) => l.id);
    const atStores = await db.exception.findMany({ where: { locationId: { in: stores } }, orderBy: { id: "asc" } });
    const exception = atStores.find((row) => charted.has(key(row)) && !overridden.has(key(row)))!;
    const series = { locationId: exception.locationId, productId: exception.productId };
    const pricing = { model: "capped-cover", unitActionCost: 0, unitBenefit: 4, coverableUnits: 100, unitGovernanceValue: 10, quantityDays: 7 };
    const change = await createRecommendation({
      exception,
      recommendation: { planRunId: run.id, actionType: "adjust_forecast", quantity: 3, proposedQuantity: 3, details: JSON.stringify({ pricing }) },
    });
    const location = await db.location.findUniqueOrThrow({ where: { id: series.locationId } });
    const product = await db.product.findUniqueOrThrow({ where: { id: series.productId } });
    const planner = await createUser("planner");
    const scopes = [{ kind: "STORE" as const, value: location.code }, { kind: "CATEGORY" as const, value: product.category }];
    await db.userScope.createMany({ data: scopes.map((scope) => ({ userId: planner.id, ...scope })) });

    const { replanRunId } = await approveRecommendation(db, { id: planner.id, role: planner.role, scopes }, change.id, { expectedVersion: 1 });
    const approved = await db.forecastOverride.findUniqueOrThrow({ where: { sourceActionId: change.id } });
    expect(await executePlanRun(db, replanRunId!, { engine: { forecastWorkers: 1 } })).toMatchObject({ status: "succeeded" });
    expect(await getPlanRun(db, replanRunId!)).toMatchObject({ trigger: "event", scope: { productId: product.id, locationId: location.id }, counts: { series: 1 } });
    const chart = parseSeriesChartData((await db.planRunSeries.findFirstOrThrow({ where: { planRunId: replanRunId!, locationId: location.id, productId: product.id } })).data)!;
    for (let day = toDayNumber(approved.startDate); day <= toDayNumber(approved.endDate); day += 1) {
      expect(chart.mean[day - chart.forecastFirstDay]).toBe(approved.overrideUnits);
    }
    // Whatever its publish auto-approved is left to the next run: nothing waits.
    expect(await db.planRun.count({ where: { status: "queued" } })).toBe(0);
  });
});
