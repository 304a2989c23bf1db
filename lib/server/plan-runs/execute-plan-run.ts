import "server-only";
import { randomUUID } from "node:crypto";
import type { PlanOptions } from "../../engine/plan/plan-types";
import { runPlan } from "../../engine/plan/run-plan";
import { recordAuditEvent } from "../audit/record-audit-event";
import { briefAfterPlanRun } from "../copilot/briefings/brief-after-plan-run";
import { runDecisionTransaction } from "../governance/decision-transaction";
import type { Db, DbTransaction } from "../db";
import { databaseDialect } from "../../../prisma/database-url";
import { AppError, isAppError } from "../app-error";
import { computeKpiSnapshot, type KpiRunOutput, type KpiSeriesForecast } from "../kpis/compute-kpi-snapshot";
import { SYSTEM_ACTOR } from "../actor";
import { ENGINE_VERSION } from "./engine-version";
import { loadPlanInputs, type PlanInputs } from "./load-plan-inputs";
import { publishPlanResult, resolvePlanExceptions, type ResolvedException } from "./publish-plan-result";
import { combineShardInputs, completePlanRunShards, createPlanRunShards, deleteShardRows, partitionPlanShards, planWorkerId, readPlanShardCount, readShardRows, ShardedRunFailed } from "./plan-run-shards";
import { writePlanRunSeries } from "./write-plan-run-series";
import { writeDriftFindings } from "./write-drift-findings";
import { createPlanForecastStep } from "./plan-forecast-step";
import { failPlanRun } from "./fail-plan-run";
import { startPlanRunHeartbeat } from "./plan-run-heartbeat";
import { planRunSnapshot } from "./plan-run-audit";
import { planEngineOptions } from "./plan-engine-options";
import { ZPlanRunScope, type TPlanRunCounts, type TPlanRunScope, type TPlanRunStage, type TPlanRunTimings } from "../../contracts/plan-runs";

/** Share of the progress bar reached when each stage starts. */
const STAGE_PROGRESS: Record<TPlanRunStage, number> = { snapshot: 0.02, forecast: 0.15, planning: 0.7, persist: 0.85, publish: 0.95 };
/** Publishing a network's exceptions and recommendations is one transaction; give it room. */
const PUBLISH_TRANSACTION = { maxWait: 60_000, timeout: 30 * 60_000 } as const;

export interface ExecutePlanRunOptions {
  /** Engine options, e.g. fewer forecast workers in tests. */
  engine?: Partial<PlanOptions>;
  now?: () => Date;
  /** Called as each stage starts (timing in benchmarks). */
  onStage?: (stage: TPlanRunStage) => void | Promise<void>;
  /** Called after the publish committed, as each follow-up step starts (timing in benchmarks). */
  onFollowUp?: (step: "kpis" | "briefings") => void;
  /** Shards of a whole-network run (default: STOCKPILOT_PLAN_SHARDS, else 1 = none). */
  shards?: number;
  /** A shard without a heartbeat for this long is planned again (default 30 s; tests shorten it). */
  shardStaleAfterMs?: number;
  /** Called inside the publish transaction after all its writes, just before it commits (the kill test). */
  beforePublishCommit?: () => void | Promise<void>;
}

export type ExecutePlanRunOutcome = { status: "succeeded" | "failed"; runId: string } | { status: "not-queued"; runId: string };

/**
 * Runs one queued plan run to the end, in a plan worker: claims it (queued → running, so two workers
 * never run the same row) and beats a heartbeat while it runs, snapshots the data, runs the engine,
 * writes the run's own rows (chart series, forecast drift findings), and then **publishes** in one transaction: exceptions
 * opened, updated or closed, recommendations written, the earlier ones superseded, the new ones
 * routed, event marks the run has seen cleared, and the run marked succeeded with its audit event.
 * A run that fails or is killed before that transaction commits changes nothing a user sees.
 * Stage and progress are updated as it goes, for the live progress bar.
 */
export async function executePlanRun(db: Db, runId: string, options: ExecutePlanRunOptions = {}): Promise<ExecutePlanRunOutcome> {
  const now = options.now ?? (() => new Date());
  const claimed = await runDecisionTransaction(db, async (tx) => {
    const before = await tx.planRun.findUnique({ where: { id: runId } });
    if (!before || before.status !== "queued") return null;
    const { count } = await tx.planRun.updateMany({
      where: { id: runId, status: "queued" },
      data: {
        status: "running",
        startedAt: now(),
        heartbeatAt: now(),
        workerId: planWorkerId(),
        stage: "snapshot",
        progress: STAGE_PROGRESS.snapshot,
        engineVersion: ENGINE_VERSION,
      },
    });
    if (count === 0) return null;
    const after = await tx.planRun.findUniqueOrThrow({ where: { id: runId } });
    await recordAuditEvent(tx, {
      actor: SYSTEM_ACTOR,
      action: "plan_run.started",
      entityType: "PlanRun",
      entityId: runId,
      before: planRunSnapshot(before),
      after: planRunSnapshot(after),
      planRunId: runId,
    });
    return after;
  });
  if (!claimed) return { status: "not-queued", runId };
  const heartbeat = startPlanRunHeartbeat(runId);

  const timings: TPlanRunTimings = {};
  let stage: TPlanRunStage = "snapshot";
  let stageStarted = performance.now();
  const currentStage = () => stage;
  const runStarted = performance.now();
  const enterStage = async (next: TPlanRunStage) => {
    timings[stage] = Math.round(performance.now() - stageStarted);
    stage = next;
    stageStarted = performance.now();
    await db.planRun.update({ where: { id: runId }, data: { stage: next, progress: STAGE_PROGRESS[next], stageTimings: JSON.stringify(timings) } });
    await options.onStage?.(next);
  };

  /** What the publish step writes, from one unsharded run or from every shard of a sharded one. */
  interface Planned {
    inputs: Pick<PlanInputs, "scope" | "planDate" | "productsBySku" | "locationsByCode">;
    resolved: ResolvedException[];
    counts: Pick<TPlanRunCounts, "series" | "seriesSkipped" | "detected" | "chartSeries" | "discarded">;
    kpi: KpiRunOutput;
  }

  const planWhole = async (scope: TPlanRunScope | null): Promise<Planned> => {
    const inputs = await loadPlanInputs(db, scope);
    await db.planRun.update({
      where: { id: runId },
      data: { asOf: inputs.planDate, inputHash: inputs.inputHash, policyVersion: inputs.policyVersion },
    });
    await enterStage("forecast");
    const { step, forecasts } = createPlanForecastStep(inputs.overrides, () => enterStage("planning"));
    const result = await runPlan(inputs.snapshot, planEngineOptions(inputs, options.engine), step);
    // An empty network returns before forecasting, so the planning stage may not have been entered.
    if (currentStage() === "forecast") await enterStage("planning");
    timings.policy = Math.round(result.timings.policy);
    timings.allocation = Math.round(result.timings.allocation);
    timings.exceptions = Math.round(result.timings.exceptions);
    await enterStage("persist");
    const { resolved, discarded } = resolvePlanExceptions(inputs, result);
    const chartSeries = await writePlanRunSeries(db, { runId, inputs, result, forecasts, resolved });
    await writeDriftFindings(db, { runId, inputs, findings: result.driftFindings });
    return {
      inputs,
      resolved,
      counts: { series: result.series.length, seriesSkipped: result.skipped.length, detected: result.exceptions.length, chartSeries, discarded },
      kpi: { forecastPages: oneForecastPage(forecasts), series: result.series, history: inputs.snapshot.demand },
    };
  };

  // A sharded run: the products cut into groups of whole suppliers, planned by any worker (this one
  // too); the stages of each shard are timed in its row, the run's "forecast" stage spans them all.
  const planSharded = async (groups: number[][]): Promise<Planned> => {
    await createPlanRunShards(db, runId, groups);
    await enterStage("forecast");
    const results = await completePlanRunShards(db, runId, {
      ...(options.engine ? { engine: options.engine } : {}),
      ...(options.shardStaleAfterMs ? { staleAfterMs: options.shardStaleAfterMs } : {}),
      onProgress: async (done, total) => {
        const share = STAGE_PROGRESS.forecast + ((STAGE_PROGRESS.publish - STAGE_PROGRESS.forecast) * done) / total;
        await db.planRun.update({ where: { id: runId }, data: { progress: share } });
      },
      isStillOurs: async () => {
        const current = await db.planRun.findUnique({ where: { id: runId }, select: { status: true, workerId: true } });
        return current?.status === "running" && current.workerId === claimed.workerId;
      },
    });
    const combined = combineShardInputs(results);
    const { resolved, kpi } = await readShardRows(db, runId);
    await db.planRun.update({ where: { id: runId }, data: { asOf: combined.planDate, inputHash: combined.inputHash, policyVersion: combined.policyVersion } });
    const [locations, products] = await Promise.all([db.location.findMany(), db.product.findMany()]);
    const sum = (key: keyof Planned["counts"]) => results.reduce((total, result) => total + result.counts[key], 0);
    return {
      inputs: {
        scope: null,
        planDate: combined.planDate,
        locationsByCode: new Map(locations.map((l) => [l.code, { id: l.id, code: l.code, region: l.region }])),
        productsBySku: new Map(
          products.map((p) => [p.sku, { id: p.id, sku: p.sku, category: p.category, supplierId: p.supplierId, unitCost: p.unitCost, unitPrice: p.unitPrice }]),
        ),
      },
      resolved,
      counts: { series: sum("series"), seriesSkipped: sum("seriesSkipped"), detected: sum("detected"), chartSeries: sum("chartSeries"), discarded: sum("discarded") },
      kpi,
    };
  };

  try {
    await options.onStage?.("snapshot");
    const scope = claimed.scope ? ZPlanRunScope.parse(JSON.parse(claimed.scope)) : null;
    const shardCount = scope ? 1 : (options.shards ?? readPlanShardCount());
    const groups = shardCount > 1 ? await partitionPlanShards(db, shardCount) : [];
    const planned = groups.length > 1 ? await planSharded(groups) : await planWhole(scope);
    const { inputs, resolved } = planned;

    await enterStage("publish");
    // Takes the write lock before reading (and retries if SQLite is busy), so a publish never fails
    // for another connection's write between its reads and its writes (SQLITE_BUSY_SNAPSHOT).
    await runDecisionTransaction(db, async (tx) => {
      // A run whose heartbeat was held up long enough to be taken for dead has been failed and retried:
      // it must not publish as well.
      const current = await tx.planRun.findUniqueOrThrow({ where: { id: runId }, select: { status: true, workerId: true } });
      if (current.status !== "running" || current.workerId !== claimed.workerId) {
        throw new AppError("CONFLICT", "This run was taken for dead and failed before it could publish; its retry publishes instead.");
      }
      const published = await publishPlanResult(tx, { runId, inputs, resolved, now: now() });
      await clearSeenEventMarks(tx, claimed.startedAt!, inputs.scope);
      await options.beforePublishCommit?.();
      const counts: TPlanRunCounts = { ...planned.counts, ...published, ...(groups.length > 1 ? { shards: groups.length } : {}) };
      timings.publish = Math.round(performance.now() - stageStarted);
      timings.total = Math.round(performance.now() - runStarted);
      const before = await tx.planRun.findUniqueOrThrow({ where: { id: runId } });
      const after = await tx.planRun.update({
        where: { id: runId },
        data: { status: "succeeded", finishedAt: now(), stage: null, progress: 1, stageTimings: JSON.stringify(timings), counts: JSON.stringify(counts) },
      });
      await recordAuditEvent(tx, {
        actor: SYSTEM_ACTOR,
        action: "plan_run.succeeded",
        entityType: "PlanRun",
        entityId: runId,
        before: planRunSnapshot(before),
        after: planRunSnapshot(after),
        planRunId: runId,
        policyVersion: after.policyVersion,
      });
    }, PUBLISH_TRANSACTION);
    // Derived aggregates for the dashboard: a failure there is logged and never fails the committed run.
    options.onFollowUp?.("kpis");
    await computeKpiSnapshot(db, runId, planned.kpi).catch((error: unknown) => console.error(`plan run ${runId}: KPI snapshot failed`, error));
    if (groups.length > 1) await deleteShardRows(db, runId);
    // Fresh statistics keep the queue's index choices right as the exception table grows
    // (PostgreSQL's autovacuum analyzes changed tables by itself).
    if (databaseDialect() === "sqlite") await db.$executeRawUnsafe("PRAGMA optimize");
    options.onFollowUp?.("briefings");
    if (claimed.scope === null) await briefAfterPlanRun(db, runId);
    return { status: "succeeded", runId };
  } catch (error) {
    const reference = randomUUID().slice(0, 8);
    // Expected failures (no data yet) say why; anything else is logged and named by reference only.
    const message = isAppError(error) || error instanceof ShardedRunFailed ? error.message : `The plan run failed in the ${stage} stage (reference ${reference}).`;
    if (!isAppError(error) && !(error instanceof ShardedRunFailed)) console.error(`[${reference}] plan run ${runId} failed in stage ${stage}`, error);
    await failPlanRun(db, runId, message, now());
    return { status: "failed", runId };
  } finally {
    await heartbeat.stop();
  }
}

/** An unsharded run's forecasts are in memory already: the KPI step reads them as one page. */
function oneForecastPage(forecasts: ReadonlyMap<string, KpiSeriesForecast>): KpiRunOutput["forecastPages"] {
  return async function* () {
    yield forecasts;
  };
}

/**
 * Event marks (DirtySeries) the run has seen: those set before it started, within its scope. Marks
 * set later stay for the next run.
 */
async function clearSeenEventMarks(tx: DbTransaction, startedAt: Date, scope: TPlanRunScope | null): Promise<void> {
  await tx.dirtySeries.deleteMany({
    where: { markedAt: { lte: startedAt }, ...(scope ? { productId: scope.productId, ...(scope.locationId === undefined ? {} : { locationId: scope.locationId }) } : {}) },
  });
}
