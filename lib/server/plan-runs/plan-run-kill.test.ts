import type { Location, Product } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { db } from "../db";
import { createLocation, createProduct } from "../../test/factories";
import { abandonPlanRun, reapStalePlanRuns } from "./abandon-plan-run";
import { executePlanRun } from "./execute-plan-run";
import { HEARTBEAT_STALE_MS } from "./plan-run-heartbeat";
import { PLAN_RUN_STAGES } from "../../contracts/plan-runs";
import { requestPlanRun } from "./request-plan-run";
import { MS_PER_DAY } from "../../engine/calendar";
import { runScriptUntilKilled } from "../../test/run-until-killed";

let dc: Location;
let stores: Location[];
let products: Product[];

/** Everything a user sees of a plan: exceptions, their actions and decisions, charts and drift records of published runs, pending event marks. */
async function visibleState() {
  const [exceptions, recommendations, decisions, charts, driftFindings, marks] = await Promise.all([
    db.exception.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, score: true, version: true, lastRunId: true, tierRequired: true, closedReason: true } }),
    db.recommendation.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, tier: true, version: true, planRunId: true } }),
    db.decision.count(),
    db.planRunSeries.count({ where: { planRun: { status: "succeeded" } } }),
    db.planRunDriftFinding.count({ where: { planRun: { status: "succeeded" } } }),
    db.dirtySeries.findMany({ orderBy: [{ locationId: "asc" }, { productId: "asc" }] }),
  ]);
  return { exceptions, recommendations, decisions, charts, driftFindings, marks };
}

/** Runs the plan in a child process that kills itself as `stage` starts. */
function runUntilKilled(runId: string, stage: string): Promise<NodeJS.Signals | null> {
  return runScriptUntilKilled("run-plan-until-killed.ts", [runId, stage]);
}

beforeAll(async () => {
  dc = await createLocation({ type: "DC", code: "DC-K", cluster: "dc" });
  stores = [];
  for (let i = 0; i < 3; i += 1) stores.push(await createLocation({ sourceDcCode: dc.code, cluster: "urban" }));
  products = [];
  for (let i = 0; i < 3; i += 1) products.push(await createProduct({ casePack: 1 }));
  const today = Math.floor(Date.now() / MS_PER_DAY) * MS_PER_DAY;
  for (const [s, store] of stores.entries()) {
    for (const [p, product] of products.entries()) {
      await db.salesDaily.createMany({
        data: Array.from({ length: 90 }, (_, day) => ({ locationId: store.id, productId: product.id, date: new Date(today - (90 - day) * MS_PER_DAY), units: 3 + ((day + s + p) % 4), revenue: 20 })),
      });
      // Some series short (stock-outs), some overstocked (excess).
      const onHand = (s + p) % 3 === 0 ? 2 : (s + p) % 3 === 1 ? 40 : 900;
      await db.inventoryPosition.create({ data: { locationId: store.id, productId: product.id, asOf: new Date(today - MS_PER_DAY), onHand } });
    }
  }
  for (const product of products) await db.inventoryPosition.create({ data: { locationId: dc.id, productId: product.id, asOf: new Date(today - MS_PER_DAY), onHand: 5 } });
  const first = await requestPlanRun(db, { trigger: "manual" });
  expect(await executePlanRun(db, first.id, { engine: { forecastWorkers: 1 } })).toMatchObject({ status: "succeeded" });
  await db.dirtySeries.create({ data: { locationId: stores[0]!.id, productId: products[0]!.id, markedAt: new Date(Date.now() - 60_000) } });
  // What the next run would change: a short store is restocked, an overstocked one sold out.
  await db.inventoryPosition.updateMany({ where: { locationId: stores[0]!.id, productId: products[0]!.id }, data: { onHand: 300 } });
  await db.inventoryPosition.updateMany({ where: { locationId: stores[0]!.id, productId: products[2]!.id }, data: { onHand: 0 } });
}, 120_000);

describe("a plan worker killed at any stage", () => {
  it("changes nothing a user sees; the dead run is failed within a minute and retried once; the retry publishes", async () => {
    const baseline = await visibleState();
    expect(baseline.exceptions.length).toBeGreaterThan(0);
    expect(baseline.recommendations.length).toBeGreaterThan(0);
    const killed: string[] = [];
    for (const stage of PLAN_RUN_STAGES) {
      const run = await requestPlanRun(db, { trigger: "manual" });
      expect(await runUntilKilled(run.id, stage), `killed at ${stage}`).toBe("SIGKILL");
      expect(await db.planRun.findUniqueOrThrow({ where: { id: run.id } }), `left running at ${stage}`).toMatchObject({ status: "running" });
      expect(await visibleState(), `nothing visible changed when killed at ${stage}`).toEqual(baseline);
      // Not yet stale: a live worker's run is left alone.
      expect(await reapStalePlanRuns(db)).toEqual([]);
      const reaped = await reapStalePlanRuns(db, new Date(Date.now() + HEARTBEAT_STALE_MS + 1_000));
      expect(reaped.map((entry) => entry.runId)).toEqual([run.id]);
      const failed = await db.planRun.findUniqueOrThrow({ where: { id: run.id } });
      expect(failed).toMatchObject({ status: "failed", error: expect.stringContaining("stopped responding") });
      // A retry is queued once; a run that is itself a retry is not retried again.
      expect(reaped[0]!.retryRunId === null).toBe(failed.retryOfId !== null);
      killed.push(run.id);
    }
    expect(new Set(killed).size).toBe(PLAN_RUN_STAGES.length);

    const retry = await db.planRun.findFirstOrThrow({ where: { status: "queued" } });
    expect(retry.retryOfId).not.toBeNull();
    expect(await executePlanRun(db, retry.id, { engine: { forecastWorkers: 1 } })).toMatchObject({ status: "succeeded" });
    const published = await visibleState();
    expect(published).not.toEqual(baseline);
    expect(published.marks).toEqual([]);
    expect(published.exceptions.some((exception) => exception.lastRunId === retry.id)).toBe(true);
    expect(await verifyAuditChain(db)).toMatchObject({ status: "intact" });
  }, 240_000);

  it("does not publish a run that was taken for dead while it was still computing", async () => {
    const baseline = await visibleState();
    const run = await requestPlanRun(db, { trigger: "manual" });
    const outcome = await executePlanRun(db, run.id, {
      engine: { forecastWorkers: 1 },
      // As a reaper in another process would after a heartbeat held up past the limit.
      onStage: async (stage) => {
        if (stage === "publish") await abandonPlanRun(db, run.id, "The plan worker stopped responding (test).");
      },
    });
    expect(outcome).toMatchObject({ status: "failed" });
    expect(await db.planRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "failed", error: "The plan worker stopped responding (test)." });
    expect(await visibleState()).toEqual(baseline);
  }, 120_000);
});

