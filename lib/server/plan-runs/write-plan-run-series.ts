import "server-only";
import type { Prisma } from "@prisma/client";
import type { PlanResult } from "../../engine/plan/plan-types";
import type { SeriesForecast } from "../../engine/types";
import type { Db, DbTransaction } from "../db";
import { buildSeriesChartData } from "./build-series-chart-data";
import type { PlanInputs } from "./load-plan-inputs";
import type { ResolvedException } from "./publish-plan-result";

const ROWS_PER_INSERT = 200;

export interface WritePlanRunSeriesInput {
  runId: string;
  inputs: PlanInputs;
  result: PlanResult;
  forecasts: ReadonlyMap<string, SeriesForecast>;
  resolved: readonly ResolvedException[];
}

/**
 * Chart series (history, forecast band, projection, policy levels) of the series with an exception,
 * as rows of this run only. Readers take chart rows of succeeded runs, so these stay invisible until
 * the run publishes, and they are written before the publish transaction, in short multi-row
 * inserts, to keep that transaction small. Returns how many were written.
 */
export async function writePlanRunSeries(db: Db | DbTransaction, input: WritePlanRunSeriesInput): Promise<number> {
  const { runId, inputs, result, forecasts } = input;
  const plansById = new Map(result.series.map((plan) => [plan.seriesId, plan]));
  const historyById = new Map(inputs.snapshot.demand.map((series) => [series.id, series]));
  const written = new Set<string>();
  let batch: Prisma.PlanRunSeriesCreateManyInput[] = [];
  for (const item of input.resolved) {
    const key = `${item.chartLocationId}|${item.productId}`;
    const plan = plansById.get(item.seriesId);
    const forecast = forecasts.get(item.seriesId);
    const history = historyById.get(item.seriesId);
    if (written.has(key) || !plan || !forecast || !history) continue;
    written.add(key);
    const data = buildSeriesChartData(history, forecast, plan, inputs.snapshot, inputs.overrides.get(item.seriesId) ?? []);
    batch.push({ planRunId: runId, locationId: item.chartLocationId, productId: item.productId, data: JSON.stringify(data) });
    if (batch.length >= ROWS_PER_INSERT) {
      await db.planRunSeries.createMany({ data: batch });
      batch = [];
    }
  }
  if (batch.length > 0) await db.planRunSeries.createMany({ data: batch });
  return written.size;
}
