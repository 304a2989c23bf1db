import "server-only";
import type { PlanSnapshot, ReturnRecord, SeriesPlan } from "../../engine/plan/plan-types";
import type { DemandSeries, SeriesForecast } from "../../engine/types";
import { actionTypeFromEngine } from "./engine-vocabulary";
import type { SeriesOverride } from "./load-plan-inputs";
import type { SeriesChartData } from "../../contracts/plan-runs";

/** Days of sales history shown before the forecast. */
const CHART_HISTORY_DAYS = 56;

/** Two decimals are plenty for a chart, and non-finite values have no JSON form. */
const round = (value: number) => (Number.isFinite(value) ? Math.round(value * 100) / 100 : 0);
const roundAll = (values: ArrayLike<number>) => Array.from(values, round);

function quantile(forecast: SeriesForecast, level: number): number[] {
  const found = forecast.quantiles.find((q) => Math.abs(q.level - level) < 1e-9);
  return found ? roundAll(found.values) : roundAll(forecast.mean);
}

/** Returns by series, built once per snapshot (charts are built series by series). */
const returnsIndex = new WeakMap<PlanSnapshot, Map<string, ReturnRecord[]>>();
function returnsOf(snapshot: PlanSnapshot, seriesId: string): readonly ReturnRecord[] {
  let index = returnsIndex.get(snapshot);
  if (!index) {
    index = new Map();
    for (const record of snapshot.returns ?? []) {
      const key = `${record.locationId}|${record.sku}`;
      const list = index.get(key);
      if (list) list.push(record);
      else index.set(key, [record]);
    }
    returnsIndex.set(snapshot, index);
  }
  return index.get(seriesId) ?? [];
}

function chartReturns(history: DemandSeries, shown: number, forecast: SeriesForecast, plan: SeriesPlan, snapshot: PlanSnapshot): SeriesChartData["returns"] {
  const returns = plan.projection.returns;
  if (!returns) return undefined;
  const firstShown = history.firstDay + history.units.length - shown;
  const received = new Array<number>(shown).fill(0);
  for (const record of returnsOf(snapshot, history.id)) {
    const index = record.day - firstShown;
    if (index >= 0 && index < shown) received[index] = received[index]! + record.units;
  }
  const backToStock = new Array<number>(forecast.mean.length).fill(0);
  for (const receipt of returns.receipts) if (receipt.dayOffset < backToStock.length) backToStock[receipt.dayOffset] = backToStock[receipt.dayOffset]! + receipt.quantity;
  return { rate: round(returns.rate * 100) / 100, lagDays: returns.lagDays, received, backToStock };
}

/** Demand series by id, built once per snapshot. */
const demandIndex = new WeakMap<PlanSnapshot, Map<string, DemandSeries>>();
function demandOf(snapshot: PlanSnapshot, seriesId: string): DemandSeries | undefined {
  let index = demandIndex.get(snapshot);
  if (!index) {
    index = new Map(snapshot.demand.map((series) => [series.id, series]));
    demandIndex.set(snapshot, index);
  }
  return index.get(seriesId);
}

/** The shown history days' own sales plus the sales of each of `seriesIds` on the same days. */
function salesPulledThrough(history: DemandSeries, shown: number, seriesIds: readonly string[], snapshot: PlanSnapshot): Float64Array {
  const firstShown = history.firstDay + history.units.length - shown;
  const total = Float64Array.from(history.units.subarray(history.units.length - shown));
  for (const id of seriesIds) {
    const series = demandOf(snapshot, id);
    if (!series) continue;
    for (let i = 0; i < shown; i += 1) total[i]! += series.units[firstShown + i - series.firstDay] ?? 0;
  }
  return total;
}

/**
 * The chart row of one series: recent sales, forecast band, projected on hand, policy levels, POs,
 * promotions, overrides. A DC's demand lines are what its projection plans against — its own sales
 * plus its supplied locations', history and forecast alike — not its own (usually nil) sales.
 */
export function buildSeriesChartData(
  history: DemandSeries,
  ownForecast: SeriesForecast,
  plan: SeriesPlan,
  snapshot: PlanSnapshot,
  overrides: readonly SeriesOverride[],
): SeriesChartData {
  const shown = Math.min(CHART_HISTORY_DAYS, history.units.length);
  const pulledThrough = plan.dependentDemand;
  const forecast = pulledThrough?.forecast ?? ownForecast;
  // The summed forecast has no backtest of its own (see addDependentDemand): no accuracy to show.
  const accuracy = forecast.accuracy;
  return {
    historyFirstDay: history.firstDay + history.units.length - shown,
    sales: roundAll(pulledThrough ? salesPulledThrough(history, shown, pulledThrough.downstreamSeriesIds, snapshot) : history.units.subarray(history.units.length - shown)),
    forecastFirstDay: forecast.firstDay,
    mean: roundAll(forecast.mean),
    p10: quantile(forecast, 0.1),
    p90: quantile(forecast, 0.9),
    median: roundAll(plan.projection.median),
    pessimistic: roundAll(plan.projection.pessimistic),
    ...(plan.projection.withAction
      ? {
          withAction: {
            actionType: actionTypeFromEngine(plan.projection.withAction.actionKind),
            quantity: plan.projection.withAction.quantity,
            median: roundAll(plan.projection.withAction.median),
          },
        }
      : {}),
    safetyStock: round(plan.policy.safetyStock),
    reorderPoint: round(plan.policy.reorderPoint),
    orderUpToLevel: round(plan.policy.orderUpToLevel),
    onHand: round(plan.projection.onHand),
    poArrivals: snapshot.purchaseOrders
      .filter((line) => line.locationId === plan.locationId && line.sku === plan.sku)
      .map((line) => ({ day: line.promisedDay, quantity: line.quantity, poNumber: line.purchaseOrderId })),
    promotions: snapshot.promotions
      .filter((promotion) => promotion.sku === plan.sku && promotion.locationIds.includes(plan.locationId))
      .map((promotion) => ({ code: promotion.id, startDay: promotion.startDay, endDay: promotion.endDay, expectedUplift: promotion.expectedUplift })),
    overrides: overrides.map((o) => ({ ...o })),
    ...(plan.projection.returns ? { returns: chartReturns(history, shown, forecast, plan, snapshot) } : {}),
    method: forecast.method,
    ...(pulledThrough ? { pulledThrough: { suppliedLocations: pulledThrough.downstreamSeriesIds.length }, ownMean: roundAll(ownForecast.mean) } : {}),
    ...(forecast.basedOn ? { basedOn: forecast.basedOn.text } : {}),
    demandClass: forecast.demandClass,
    accuracy: accuracy
      ? {
          wape: round(accuracy.wape),
          mase: round(accuracy.mase),
          bias: round(accuracy.bias),
          coverage80: round(accuracy.coverage80),
          trackingSignal: round(accuracy.trackingSignal),
        }
      : null,
  };
}
