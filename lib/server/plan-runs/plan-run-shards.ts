import "server-only";
import { createHash } from "node:crypto";
import { hostname } from "node:os";
import { z } from "zod";
import type { PlanOptions } from "../../engine/plan/plan-types";
import { runPlan } from "../../engine/plan/run-plan";
import type { Db, DbTransaction } from "../db";
import { databaseDialect } from "../../../prisma/database-url";
import type { KpiRunOutput, KpiSeriesForecast, KpiSeriesPlan } from "../kpis/compute-kpi-snapshot";
import { STORED_FORECAST_WEEKS } from "../kpis/build-run-forecasts";
import { BatchedUpsert } from "../imports/batched-upsert";
import { isAppError } from "../app-error";
import { runWriteTransaction } from "../write-transaction";
import { loadPlanInputs } from "./load-plan-inputs";
import { createPlanForecastStep } from "./plan-forecast-step";
import { HEARTBEAT_STALE_MS, startPlanRunHeartbeat } from "./plan-run-heartbeat";
import { resolvePlanExceptions, type ResolvedException } from "./publish-plan-result";
import { writePlanRunSeries } from "./write-plan-run-series";
import { writeDriftFindings } from "./write-drift-findings";
import { planEngineOptions } from "./plan-engine-options";

/** A shard whose worker died is queued again; after this many claims the run fails instead. */
export const MAX_SHARD_ATTEMPTS = 2;
/** How often a worker waiting for the other shards of its run looks at them. */
const SHARD_POLL_MS = 1_000;

/**
 * STOCKPILOT_PLAN_SHARDS: how many shards a whole-network run is cut into (default 1: no shards).
 * Several `npm run worker` processes, on one machine or many (PostgreSQL), then plan one shard each.
 */
export function readPlanShardCount(env: Readonly<Record<string, string | undefined>> = process.env): number {
  return z.coerce.number({ error: "STOCKPILOT_PLAN_SHARDS must be a whole number from 1 to 64" }).int().min(1).max(64).default(1).parse(env.STOCKPILOT_PLAN_SHARDS?.trim() || undefined);
}

export function planWorkerId(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * Cuts the network into `count` groups of products. Groups hold whole suppliers: a purchase order
 * (supplier delay), a supplier's stale orders and a PO's expedite action then never span two shards,
 * and every series of a product (its DC allocation, its transfers) stays together. Largest supplier
 * first into the smallest group, so shards come out about equally large. Fewer groups when there are
 * fewer suppliers.
 */
export async function partitionPlanShards(db: Db, count: number): Promise<number[][]> {
  const products = await db.product.findMany({ select: { id: true, supplierId: true }, orderBy: { id: "asc" } });
  const bySupplier = new Map<number, number[]>();
  for (const product of products) bySupplier.set(product.supplierId, [...(bySupplier.get(product.supplierId) ?? []), product.id]);
  const suppliers = [...bySupplier.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]);
  const groups: number[][] = Array.from({ length: Math.min(count, suppliers.length) }, () => []);
  for (const [, ids] of suppliers) {
    const smallest = groups.reduce((best, group) => (group.length < best.length ? group : best), groups[0]!);
    smallest.push(...ids);
  }
  return groups.filter((group) => group.length > 0).map((group) => group.sort((a, b) => a - b));
}

/** A shard's summary for the publish step (PlanRunShard.result); its exceptions and KPI inputs are rows. */
const ZShardResult = z.object({
  planDate: z.string(),
  inputHash: z.string(),
  policyVersion: z.number().int(),
  counts: z.object({ series: z.number(), seriesSkipped: z.number(), detected: z.number(), chartSeries: z.number(), discarded: z.number() }),
  timings: z.record(z.string(), z.number()),
});
export type ShardResult = z.infer<typeof ZShardResult>;

/** What the KPI step reads of one series (PlanRunShardSeries.data): its plan's figures and its forecast's first weeks. */
const ZShardSeriesKpi = z.object({
  plan: z.object({ onHand: z.number(), meanDaily: z.number(), orderUpToLevel: z.number() }).nullable(),
  forecast: z
    .object({
      firstDay: z.number(),
      method: z.string(),
      accuracy: z.custom<NonNullable<KpiSeriesForecast["accuracy"]>>().optional(),
      mean: z.array(z.number()),
      p10: z.array(z.number()),
      p90: z.array(z.number()),
    })
    .nullable(),
});
type ShardSeriesKpi = z.infer<typeof ZShardSeriesKpi>;

/** Rows per page when the publish step reads a run's shard rows back. */
const SHARD_ROWS_PAGE = 5_000;

function seriesKpiRow(plan: KpiSeriesPlan | undefined, forecast: KpiSeriesForecast | undefined): ShardSeriesKpi {
  const days = STORED_FORECAST_WEEKS * 7;
  const quantile = (level: number) => Array.from(forecast?.quantiles.find((q) => q.level === level)?.values.subarray(0, days) ?? []);
  return {
    plan: plan ? { onHand: plan.projection.onHand, meanDaily: plan.forecast.meanDaily, orderUpToLevel: plan.policy.orderUpToLevel } : null,
    forecast: forecast
      ? {
          firstDay: forecast.firstDay,
          method: forecast.method,
          ...(forecast.accuracy ? { accuracy: forecast.accuracy } : {}),
          mean: Array.from(forecast.mean.subarray(0, days)),
          p10: quantile(0.1),
          p90: quantile(0.9),
        }
      : null,
  };
}

/**
 * A shard's exceptions and KPI inputs as run-scoped rows (multi-row inserts), in the transaction that
 * marks it done; an earlier attempt's rows of the same shard are replaced.
 */
async function writeShardRows(
  tx: DbTransaction,
  shard: ClaimedShard,
  resolved: readonly ResolvedException[],
  output: { forecasts: ReadonlyMap<string, KpiSeriesForecast>; series: readonly KpiSeriesPlan[] },
): Promise<void> {
  const where = { planRunId: shard.planRunId, shardNo: shard.shardNo };
  await tx.planRunShardException.deleteMany({ where });
  await tx.planRunShardSeries.deleteMany({ where });
  const exceptions = new BatchedUpsert(tx, { table: "PlanRunShardException", columns: ["planRunId", "shardNo", "identityKey", "score", "data"], conflictColumns: [], comparedColumns: [] });
  for (const item of resolved) {
    if (exceptions.add([shard.planRunId, shard.shardNo, item.identityKey, item.engine.score.score, JSON.stringify(item)])) await exceptions.flush();
  }
  await exceptions.finish();
  const series = new BatchedUpsert(tx, { table: "PlanRunShardSeries", columns: ["planRunId", "shardNo", "seriesId", "data"], conflictColumns: [], comparedColumns: [] });
  const plans = new Map(output.series.map((plan) => [plan.seriesId, plan]));
  for (const seriesId of new Set([...plans.keys(), ...output.forecasts.keys()])) {
    const row = seriesKpiRow(plans.get(seriesId), output.forecasts.get(seriesId));
    if (series.add([shard.planRunId, shard.shardNo, seriesId, JSON.stringify(row)])) await series.flush();
  }
  await series.finish();
}

/**
 * Every shard's exceptions of a run, read back from its rows in the engine's ranking order (as an
 * unsharded run publishes them), and the KPI step's inputs: the series' plan figures now, their
 * forecasts page by page when the KPI step asks for them.
 */
export async function readShardRows(db: Db, runId: string): Promise<{ resolved: ResolvedException[]; kpi: KpiRunOutput }> {
  const resolved: ResolvedException[] = [];
  for (let after: string | undefined; ; ) {
    const page = await db.planRunShardException.findMany({
      where: { planRunId: runId, ...(after === undefined ? {} : { identityKey: { gt: after } }) },
      orderBy: { identityKey: "asc" },
      take: SHARD_ROWS_PAGE,
      select: { identityKey: true, data: true },
    });
    for (const row of page) resolved.push(JSON.parse(row.data) as ResolvedException);
    if (page.length < SHARD_ROWS_PAGE) break;
    after = page.at(-1)!.identityKey;
  }
  resolved.sort((a, b) => b.engine.score.score - a.engine.score.score || (a.engine.id < b.engine.id ? -1 : 1));
  const series: KpiSeriesPlan[] = [];
  for await (const page of shardSeriesPages(db, runId)) {
    for (const { seriesId, kpi } of page) {
      if (kpi.plan) series.push({ seriesId, projection: { onHand: kpi.plan.onHand }, forecast: { meanDaily: kpi.plan.meanDaily }, policy: { orderUpToLevel: kpi.plan.orderUpToLevel } });
    }
  }
  return { resolved, kpi: { series, forecastPages: (reader) => shardForecastPages(reader, runId) } };
}

/** A run's series rows in pages of SHARD_ROWS_PAGE, in series id order. */
async function* shardSeriesPages(reader: Pick<DbTransaction, "planRunShardSeries">, runId: string): AsyncGenerator<{ seriesId: string; kpi: ShardSeriesKpi }[]> {
  for (let after: string | undefined; ; ) {
    const page = await reader.planRunShardSeries.findMany({
      where: { planRunId: runId, ...(after === undefined ? {} : { seriesId: { gt: after } }) },
      orderBy: { seriesId: "asc" },
      take: SHARD_ROWS_PAGE,
      select: { seriesId: true, data: true },
    });
    yield page.map((row) => ({ seriesId: row.seriesId, kpi: ZShardSeriesKpi.parse(JSON.parse(row.data)) }));
    if (page.length < SHARD_ROWS_PAGE) return;
    after = page.at(-1)!.seriesId;
  }
}

async function* shardForecastPages(reader: Pick<DbTransaction, "planRunShardSeries">, runId: string): AsyncGenerator<Map<string, KpiSeriesForecast>> {
  for await (const page of shardSeriesPages(reader, runId)) {
    const forecasts = new Map<string, KpiSeriesForecast>();
    for (const { seriesId, kpi } of page) {
      if (!kpi.forecast) continue;
      const { mean, p10, p90, ...rest } = kpi.forecast;
      forecasts.set(seriesId, {
        ...rest,
        mean: Float64Array.from(mean),
        quantiles: [
          { level: 0.1, values: Float64Array.from(p10) },
          { level: 0.9, values: Float64Array.from(p90) },
        ],
      });
    }
    yield forecasts;
  }
}

/** A run's shard rows are the publish step's input only: gone once it has published or failed. */
export async function deleteShardRows(db: Db, runId: string): Promise<void> {
  await db.planRunShardException.deleteMany({ where: { planRunId: runId } });
  await db.planRunShardSeries.deleteMany({ where: { planRunId: runId } });
}

export async function createPlanRunShards(db: Db, runId: string, groups: readonly number[][]): Promise<void> {
  await db.planRunShard.createMany({ data: groups.map((productIds, shardNo) => ({ planRunId: runId, shardNo, productIds: JSON.stringify(productIds) })) });
}

export interface ClaimedShard {
  id: string;
  planRunId: string;
  shardNo: number;
  productIds: number[];
  workerId: string;
}

/**
 * Takes one queued shard of a running run (of `runId` only, when given) for this worker. PostgreSQL:
 * `FOR UPDATE SKIP LOCKED`, so workers on many machines take different shards without waiting for each
 * other; SQLite: under the write lock (one writer at a time anyway), then a conditional update.
 */
export async function claimPlanRunShard(db: Db, options: { runId?: string; now?: Date } = {}): Promise<ClaimedShard | null> {
  const now = options.now ?? new Date();
  const workerId = planWorkerId();
  // A read first: idle workers poll often, and most polls find nothing to take the write lock for.
  const waiting = await db.planRunShard.findFirst({ where: { status: "queued", planRun: { status: "running", ...(options.runId ? { id: options.runId } : {}) } }, select: { id: true } });
  if (!waiting) return null;
  const claimed = await runWriteTransaction(db, async (tx) => {
    let id: string | undefined;
    if (databaseDialect() === "postgresql") {
      const rows = await tx.$queryRawUnsafe<{ id: string }[]>(
        `SELECT s."id" FROM "PlanRunShard" s JOIN "PlanRun" r ON r."id" = s."planRunId"
         WHERE s."status" = 'queued' AND r."status" = 'running'${options.runId ? ` AND s."planRunId" = $1` : ""}
         ORDER BY r."startedAt", s."shardNo" LIMIT 1 FOR UPDATE OF s SKIP LOCKED`,
        ...(options.runId ? [options.runId] : []),
      );
      id = rows[0]?.id;
    } else {
      const row = await tx.planRunShard.findFirst({
        where: { status: "queued", planRun: { status: "running", ...(options.runId ? { id: options.runId } : {}) } },
        orderBy: [{ planRun: { startedAt: "asc" } }, { shardNo: "asc" }],
        select: { id: true },
      });
      id = row?.id;
    }
    if (!id) return null;
    const { count } = await tx.planRunShard.updateMany({
      where: { id, status: "queued" },
      data: { status: "running", workerId, startedAt: now, heartbeatAt: now, attempts: { increment: 1 } },
    });
    return count === 1 ? tx.planRunShard.findUniqueOrThrow({ where: { id } }) : null;
  });
  if (!claimed) return null;
  return { id: claimed.id, planRunId: claimed.planRunId, shardNo: claimed.shardNo, productIds: z.array(z.number().int()).parse(JSON.parse(claimed.productIds)), workerId };
}

export interface ExecuteShardOptions {
  engine?: Partial<PlanOptions>;
  /** Called as the shard's stages start (the kill test). */
  onStage?: (stage: "snapshot" | "forecast" | "persist") => void | Promise<void>;
}

/**
 * Plans one claimed shard: snapshot of its products, the engine, its exceptions placed in the
 * database's terms, and then — in one transaction, and only while the shard is still this worker's —
 * its chart series and drift findings (run-scoped, invisible until the run publishes) and its result for the publish
 * step. A shard taken for dead and queued again meanwhile writes nothing. Returns whether it finished.
 */
export async function executePlanRunShard(db: Db, shard: ClaimedShard, options: ExecuteShardOptions = {}): Promise<"done" | "lost" | "failed"> {
  const heartbeat = startPlanRunHeartbeat(shard.id, undefined, "PlanRunShard");
  try {
    return await planShard(db, shard, options);
  } catch (error) {
    // The run fails with the reason (expected failures, e.g. no sales yet, say why; others are logged).
    const message = isAppError(error) ? error.message : `Shard ${shard.shardNo + 1} of this run failed (${error instanceof Error ? error.name : "error"}); nothing of this run was published.`;
    if (!isAppError(error)) console.error(`plan run ${shard.planRunId}: shard ${shard.shardNo + 1} failed`, error);
    await db.planRunShard.updateMany({ where: { id: shard.id, status: "running", workerId: shard.workerId }, data: { status: "failed", finishedAt: new Date(), result: JSON.stringify({ error: message }) } });
    return "failed";
  } finally {
    await heartbeat.stop();
  }
}

async function planShard(db: Db, shard: ClaimedShard, options: ExecuteShardOptions): Promise<"done" | "lost"> {
  const timings: Record<string, number> = {};
  // The process's CPU (its forecast threads too) while it planned this shard: what a series costs, read per shard.
  const cpuBefore = process.cpuUsage();
  let started = performance.now();
  await options.onStage?.("snapshot");
  const inputs = await loadPlanInputs(db, null, shard.productIds);
  timings.snapshot = Math.round(performance.now() - started);
  started = performance.now();
  await options.onStage?.("forecast");
  const { step, forecasts } = createPlanForecastStep(inputs.overrides, async () => {
    timings.forecast = Math.round(performance.now() - started);
    started = performance.now();
  });
  const result = await runPlan(inputs.snapshot, planEngineOptions(inputs, options.engine), step);
  timings.planning = Math.round(performance.now() - started);
  started = performance.now();
  await options.onStage?.("persist");
  const { resolved, discarded } = resolvePlanExceptions(inputs, result);
  const shardResult: ShardResult = {
    planDate: inputs.planDate.toISOString(),
    inputHash: inputs.inputHash,
    policyVersion: inputs.policyVersion,
    counts: { series: result.series.length, seriesSkipped: result.skipped.length, detected: result.exceptions.length, chartSeries: 0, discarded },
    timings,
  };
  return await runWriteTransaction(
    db,
    async (tx) => {
      const { count } = await tx.planRunShard.updateMany({
        where: { id: shard.id, status: "running", workerId: shard.workerId, planRun: { status: "running" } },
        data: { heartbeatAt: new Date() },
      });
      // Taken for dead and queued again, or the run failed meanwhile: its rows would belong to nobody.
      if (count === 0) return "lost" as const;
      // An earlier attempt killed half-way may have left chart rows and drift findings of these products.
      const ofShardProducts = { planRunId: shard.planRunId, productId: { in: shard.productIds } };
      await tx.planRunSeries.deleteMany({ where: ofShardProducts });
      await tx.planRunDriftFinding.deleteMany({ where: ofShardProducts });
      shardResult.counts.chartSeries = await writePlanRunSeries(tx, { runId: shard.planRunId, inputs, result, forecasts, resolved });
      await writeDriftFindings(tx, { runId: shard.planRunId, inputs, findings: result.driftFindings });
      await writeShardRows(tx, shard, resolved, { forecasts, series: result.series });
      shardResult.timings.persist = Math.round(performance.now() - started);
      const cpu = process.cpuUsage(cpuBefore);
      shardResult.timings.cpu = Math.round((cpu.user + cpu.system) / 1000);
      await tx.planRunShard.update({ where: { id: shard.id }, data: { status: "done", finishedAt: new Date(), result: JSON.stringify(shardResult) } });
      return "done" as const;
    },
    { maxWait: 60_000, timeout: 10 * 60_000 },
  );
}

/**
 * Shards of the run whose worker stopped beating are queued again, so another worker (or this one)
 * plans them; a shard that already had its last attempt fails the run. Returns that failure, if any.
 */
export async function requeueStaleShards(db: Db, runId: string, now = new Date(), staleAfterMs = HEARTBEAT_STALE_MS): Promise<string | null> {
  const staleBefore = new Date(now.getTime() - staleAfterMs);
  const stale = await db.planRunShard.findMany({ where: { planRunId: runId, status: "running", heartbeatAt: { lt: staleBefore } } });
  for (const shard of stale) {
    if (shard.attempts >= MAX_SHARD_ATTEMPTS) {
      return `Shard ${shard.shardNo + 1} of this run lost its worker ${shard.attempts} times; nothing of this run was published.`;
    }
    await db.planRunShard.updateMany({ where: { id: shard.id, status: "running", heartbeatAt: { lt: staleBefore } }, data: { status: "queued", workerId: null } });
  }
  return null;
}

export class ShardedRunFailed extends Error {}

/**
 * The coordinating worker of a sharded run: plans queued shards of its run itself, and otherwise
 * waits for the other workers' shards — queuing again those whose worker died — until every shard is
 * done. Returns their results in shard order.
 */
export async function completePlanRunShards(
  db: Db,
  runId: string,
  options: ExecuteShardOptions & {
    onProgress?: (done: number, total: number) => Promise<void>;
    isStillOurs: () => Promise<boolean>;
    /** A shard without a heartbeat for this long is taken for dead (tests shorten it). */
    staleAfterMs?: number;
  },
): Promise<ShardResult[]> {
  let reported = -1;
  for (;;) {
    // Progress and failures are read before each shard this worker takes as well: with more shards
    // than workers it plans one after another, and the run's progress bar would stand still meanwhile.
    const shards = await db.planRunShard.findMany({ where: { planRunId: runId }, orderBy: { shardNo: "asc" }, select: { status: true, result: true } });
    const failed = shards.find((shard) => shard.status === "failed");
    if (failed) throw new ShardedRunFailed(z.object({ error: z.string() }).parse(JSON.parse(failed.result!)).error);
    const done = shards.filter((shard) => shard.status === "done");
    if (done.length !== reported) {
      reported = done.length;
      await options.onProgress?.(done.length, shards.length);
    }
    if (done.length === shards.length) return done.map((shard) => ZShardResult.parse(JSON.parse(shard.result!)));
    const mine = await claimPlanRunShard(db, { runId });
    if (mine) {
      await executePlanRunShard(db, mine, options);
      continue;
    }
    const failure = await requeueStaleShards(db, runId, new Date(), options.staleAfterMs);
    if (failure) throw new ShardedRunFailed(failure);
    if (!(await options.isStillOurs())) throw new ShardedRunFailed("This run was taken for dead while its shards were planned; its retry publishes instead.");
    await new Promise((resolve) => setTimeout(resolve, SHARD_POLL_MS));
  }
}

/** One plan date, input hash and policy version for the run, from its shards' (which must agree). */
export function combineShardInputs(results: readonly ShardResult[]): { planDate: Date; inputHash: string; policyVersion: number } {
  const planDates = new Set(results.map((result) => result.planDate));
  const policies = new Set(results.map((result) => result.policyVersion));
  if (planDates.size > 1 || policies.size > 1) {
    throw new ShardedRunFailed("The data or the approval policy changed while the shards were planned (they saw different plan dates or policy versions); plan again.");
  }
  // The run's input hash covers every shard's, in shard order.
  const hash = createHash("sha256");
  for (const result of results) hash.update(result.inputHash);
  return { planDate: new Date(results[0]!.planDate), inputHash: hash.digest("hex"), policyVersion: results[0]!.policyVersion };
}
