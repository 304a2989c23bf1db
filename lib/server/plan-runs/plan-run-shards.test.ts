import type { Location, Product } from "@prisma/client";
import { beforeAll, describe, expect, it } from "vitest";
import { MS_PER_DAY } from "../../engine/calendar";
import { defaultExceptionOptions } from "../../engine/exceptions/exception-types";
import { createLocation, createProduct } from "../../test/factories";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { db } from "../db";
import { executePlanRun } from "./execute-plan-run";
import { claimPlanRunShard, completePlanRunShards, createPlanRunShards, deleteShardRows, executePlanRunShard, partitionPlanShards, planWorkerId } from "./plan-run-shards";
import { requestPlanRun } from "./request-plan-run";
import { runScriptUntilKilled } from "../../test/run-until-killed";

let dc: Location;
let stores: Location[];
let products: Product[];
const ENGINE = { forecastWorkers: 1 };

/** Everything a user sees of a plan: exceptions, their actions and decisions, charts and drift records of published runs. */
async function visibleState() {
  const [exceptions, recommendations, decisions, charts, driftFindings] = await Promise.all([
    db.exception.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, score: true, version: true, lastRunId: true } }),
    db.recommendation.findMany({ orderBy: { id: "asc" }, select: { id: true, status: true, version: true, planRunId: true } }),
    db.decision.count(),
    db.planRunSeries.count({ where: { planRun: { status: "succeeded" } } }),
    db.planRunDriftFinding.count({ where: { planRun: { status: "succeeded" } } }),
  ]);
  return { exceptions, recommendations, decisions, charts, driftFindings };
}

/** Another plan worker process that takes a shard of the run and is killed as its forecast starts. */
function shardWorkerKilledMidway(runId: string): Promise<NodeJS.Signals | null> {
  return runScriptUntilKilled("run-shard-until-killed.ts", [runId]);
}

beforeAll(async () => {
  dc = await createLocation({ type: "DC", code: "DC-S", cluster: "dc" });
  stores = [];
  for (let i = 0; i < 3; i += 1) stores.push(await createLocation({ sourceDcCode: dc.code, cluster: "urban" }));
  // Three suppliers with two products each.
  products = [];
  for (let supplier = 0; supplier < 3; supplier += 1) {
    const first = await createProduct({ casePack: 1 });
    products.push(first, await createProduct({ casePack: 1, supplierId: first.supplierId }));
  }
  const today = Math.floor(Date.now() / MS_PER_DAY) * MS_PER_DAY;
  for (const [s, store] of stores.entries()) {
    for (const [p, product] of products.entries()) {
      await db.salesDaily.createMany({
        data: Array.from({ length: 90 }, (_, day) => ({ locationId: store.id, productId: product.id, date: new Date(today - (90 - day) * MS_PER_DAY), units: 3 + ((day + s + p) % 4), revenue: 20 })),
      });
      const onHand = (s + p) % 3 === 0 ? 2 : (s + p) % 3 === 1 ? 40 : 900;
      await db.inventoryPosition.create({ data: { locationId: store.id, productId: product.id, asOf: new Date(today - MS_PER_DAY), onHand } });
    }
  }
  for (const product of products) await db.inventoryPosition.create({ data: { locationId: dc.id, productId: product.id, asOf: new Date(today - MS_PER_DAY), onHand: 5 } });
}, 120_000);

describe("sharded plan runs", () => {
  it("cuts the network into groups of whole suppliers, plans every series once and publishes one run", async () => {
    const groups = await partitionPlanShards(db, 3);
    expect(groups).toHaveLength(3);
    expect(groups.flat().sort((a, b) => a - b)).toEqual(products.map((p) => p.id).sort((a, b) => a - b));
    for (const group of groups) expect(new Set(products.filter((p) => group.includes(p.id)).map((p) => p.supplierId)).size).toBe(1);
    expect(await partitionPlanShards(db, 10)).toHaveLength(3);

    const whole = await requestPlanRun(db, { trigger: "manual" });
    expect(await executePlanRun(db, whole.id, { engine: ENGINE })).toMatchObject({ status: "succeeded" });
    const sharded = await requestPlanRun(db, { trigger: "manual" });
    let rowsAtPublish = { exceptions: 0, series: 0 };
    const onStage = async (stage: string) => {
      if (stage !== "publish") return;
      const where = { planRunId: sharded.id };
      rowsAtPublish = { exceptions: await db.planRunShardException.count({ where }), series: await db.planRunShardSeries.count({ where }) };
    };
    expect(await executePlanRun(db, sharded.id, { engine: ENGINE, shards: 3, onStage })).toMatchObject({ status: "succeeded" });

    const [wholeRun, shardedRun] = await Promise.all([db.planRun.findUniqueOrThrow({ where: { id: whole.id } }), db.planRun.findUniqueOrThrow({ where: { id: sharded.id } })]);
    const wholeCounts = JSON.parse(wholeRun.counts!) as Record<string, number>;
    const shardedCounts = JSON.parse(shardedRun.counts!) as Record<string, number>;
    expect(shardedCounts).toMatchObject({ shards: 3, series: wholeCounts.series, seriesSkipped: wholeCounts.seriesSkipped });
    expect(shardedRun.asOf).toEqual(wholeRun.asOf);
    const shards = await db.planRunShard.findMany({ where: { planRunId: sharded.id } });
    expect(shards.map((shard) => [shard.status, shard.attempts])).toEqual([["done", 1], ["done", 1], ["done", 1]]);
    // The published exceptions are the sharded run's, each with its chart.
    const open = await db.exception.findMany({ where: { status: { in: ["open", "snoozed"] } }, select: { lastRunId: true, locationId: true, productId: true, type: true } });
    expect(open.length).toBeGreaterThan(0);
    expect(open.every((exception) => exception.lastRunId === sharded.id)).toBe(true);
    expect(await db.planRunSeries.count({ where: { planRunId: sharded.id } })).toBe(shardedCounts.chartSeries);
    // The shards handed their exceptions and KPI inputs over as run-scoped rows, gone once published.
    expect(rowsAtPublish.exceptions).toBe(shardedCounts.opened! + shardedCounts.updated! + shardedCounts.reopened! + shardedCounts.suppressed!);
    expect(rowsAtPublish.exceptions).toBeGreaterThan(0);
    expect(rowsAtPublish.series).toBe(wholeCounts.series);
    expect(await db.planRunShardException.count({ where: { planRunId: sharded.id } })).toBe(0);
    expect(await db.planRunShardSeries.count({ where: { planRunId: sharded.id } })).toBe(0);
    // The KPI step got every series' plan and forecast back from those rows.
    const kpiRows = async (planRunId: string) => [await db.kpiInventory.count({ where: { planRunId } }), await db.planRunForecast.count({ where: { planRunId } })];
    expect(await kpiRows(sharded.id)).toEqual(await kpiRows(whole.id));
    expect((await kpiRows(sharded.id))[0]).toBeGreaterThan(0);
  }, 120_000);

  it("plans again the shard of a worker killed mid-shard and publishes only once every shard is done", async () => {
    const baseline = await visibleState();
    const run = await requestPlanRun(db, { trigger: "manual" });
    let atPublish: Awaited<ReturnType<typeof visibleState>> | null = null;
    let killed: NodeJS.Signals | null = null;
    const outcome = await executePlanRun(db, run.id, {
      engine: ENGINE,
      shards: 2,
      shardStaleAfterMs: 2_000,
      onStage: async (stage) => {
        // The shards exist and are queued: another worker takes the first one and dies in it.
        if (stage === "forecast") killed = await shardWorkerKilledMidway(run.id);
        if (stage === "publish") atPublish = await visibleState();
      },
    });
    expect(killed).toBe("SIGKILL");
    expect(outcome).toMatchObject({ status: "succeeded" });
    // Every shard done and nothing visible yet, until the publish transaction.
    expect(atPublish).toEqual(baseline);
    const shards = await db.planRunShard.findMany({ where: { planRunId: run.id }, orderBy: { shardNo: "asc" } });
    expect(shards.map((shard) => [shard.status, shard.attempts])).toEqual([["done", 2], ["done", 1]]);
    const published = await visibleState();
    expect(published).not.toEqual(baseline);
    expect(await verifyAuditChain(db)).toMatchObject({ status: "intact" });
  }, 120_000);

  it("writes each shard's forecast drift findings with its rows, shown once the run publishes; the drift raised is the findings that passed the bar", async () => {
    // Thresholds at zero, so this steady fixture's small forecast biases count as drift.
    const sensitive = { ...ENGINE, exceptions: { ...defaultExceptionOptions, driftTrackingSignal: 0, driftMinBiasWithSignal: 0, driftMaxBias: 0, minMoneyAtRisk: 0 } };
    const run = await requestPlanRun(db, { trigger: "manual" });
    let atPublish = { written: 0, shown: 0 };
    const outcome = await executePlanRun(db, run.id, {
      engine: sensitive,
      shards: 3,
      onStage: async (stage) => {
        if (stage !== "publish") return;
        atPublish = {
          written: await db.planRunDriftFinding.count({ where: { planRunId: run.id } }),
          shown: await db.planRunDriftFinding.count({ where: { planRunId: run.id, planRun: { status: "succeeded" } } }),
        };
      },
    });
    expect(outcome).toMatchObject({ status: "succeeded" });
    const findings = await db.planRunDriftFinding.findMany({ where: { planRunId: run.id } });
    expect(findings.length).toBeGreaterThan(0);
    expect(atPublish).toEqual({ written: findings.length, shown: 0 });
    // From more than one shard (each plans two products).
    expect(new Set(findings.map((finding) => finding.productId)).size).toBeGreaterThan(2);
    const key = (row: { locationId: number; productId: number }) => `${row.locationId}|${row.productId}`;
    const raised = await db.exception.findMany({ where: { type: "forecast_drift", lastRunId: run.id }, select: { locationId: true, productId: true } });
    expect(new Set(raised.map(key))).toEqual(new Set(findings.filter((finding) => finding.passedValueBar).map(key)));
  }, 120_000);

  it("fails the run, naming the shard, when a shard fails — and publishes nothing", async () => {
    const baseline = await visibleState();
    const run = await requestPlanRun(db, { trigger: "manual" });
    let shardOutcome: string | null = null;
    const outcome = await executePlanRun(db, run.id, {
      engine: ENGINE,
      shards: 2,
      onStage: async (stage) => {
        if (stage !== "forecast") return;
        const shard = await claimPlanRunShard(db, { runId: run.id });
        shardOutcome = await executePlanRunShard(db, shard!, {
          onStage: () => {
            throw new Error("engine defect (test)");
          },
        });
      },
    });
    expect(shardOutcome).toBe("failed");
    expect(outcome).toMatchObject({ status: "failed" });
    expect(await db.planRun.findUniqueOrThrow({ where: { id: run.id } })).toMatchObject({ status: "failed", error: expect.stringMatching(/^Shard 1 of this run failed/) });
    expect(await visibleState()).toEqual(baseline);
    // The other shard's rows went with the run.
    expect(await db.planRunShardException.count({ where: { planRunId: run.id } })).toBe(0);
    expect(await db.planRunShardSeries.count({ where: { planRunId: run.id } })).toBe(0);
  }, 60_000);

  it("gives no worker a shard of a run that is no longer running", async () => {
    const run = await requestPlanRun(db, { trigger: "manual" });
    const outcome = await executePlanRun(db, run.id, {
      engine: ENGINE,
      shards: 2,
      onStage: async (stage) => {
        if (stage === "forecast") await db.planRun.update({ where: { id: run.id }, data: { status: "failed", error: "taken for dead (test)" } });
      },
    });
    expect(outcome).toMatchObject({ status: "failed" });
    expect(await db.planRunShard.count({ where: { planRunId: run.id, status: "queued" } })).toBe(2);
    expect(await claimPlanRunShard(db)).toBeNull();
  }, 60_000);

  it("reports progress after every shard when one worker plans them one after another", async () => {
    const run = await requestPlanRun(db, { trigger: "manual" });
    await db.planRun.update({ where: { id: run.id }, data: { status: "running", startedAt: new Date(), heartbeatAt: new Date(), workerId: planWorkerId() } });
    await createPlanRunShards(db, run.id, await partitionPlanShards(db, 3));
    const progress: string[] = [];
    const results = await completePlanRunShards(db, run.id, {
      engine: ENGINE,
      onProgress: async (done, total) => {
        progress.push(`${done}/${total}`);
      },
      isStillOurs: async () => true,
    });
    expect(results).toHaveLength(3);
    expect(progress).toEqual(["0/3", "1/3", "2/3", "3/3"]);
    await deleteShardRows(db, run.id);
    await db.planRun.update({ where: { id: run.id }, data: { status: "failed", finishedAt: new Date() } });
  }, 120_000);
});
