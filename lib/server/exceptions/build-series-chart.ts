import "server-only";
import { isoDay } from "../../engine/calendar";
import type { SeriesChartData } from "../../contracts/plan-runs";
import type { TSeriesChart } from "../../contracts/exceptions";

/** Stored chart data (engine days, separate history and horizon arrays) → the API's aligned daily arrays. */
export function buildSeriesChart(planRunId: string, data: SeriesChartData): TSeriesChart {
  const historyDays = data.sales.length;
  const horizonDays = data.mean.length;
  const gap = Math.max(0, data.forecastFirstDay - (data.historyFirstDay + historyDays));
  const days = Array.from({ length: historyDays + gap + horizonDays }, (_, i) => isoDay(data.historyFirstDay + i));
  const forecastStartIndex = historyDays + gap;
  const history = <T>(values: readonly T[]) => [...values, ...Array<null>(gap + horizonDays).fill(null)];
  const horizon = <T>(values: readonly T[]) => [...Array<null>(forecastStartIndex).fill(null), ...values];
  return {
    planRunId,
    days,
    forecastStartIndex,
    sales: history(data.sales),
    mean: horizon(data.mean),
    p10: horizon(data.p10),
    p90: horizon(data.p90),
    projectedOnHand: horizon(data.median),
    projectedOnHandPessimistic: horizon(data.pessimistic),
    projectedOnHandWithAction: data.withAction
      ? { actionType: data.withAction.actionType, quantity: data.withAction.quantity, values: horizon(data.withAction.median) }
      : null,
    safetyStock: data.safetyStock,
    reorderPoint: data.reorderPoint,
    orderUpToLevel: data.orderUpToLevel,
    onHand: data.onHand,
    poArrivals: data.poArrivals.map((arrival) => ({ date: isoDay(arrival.day), quantity: arrival.quantity, poNumber: arrival.poNumber })),
    promotions: data.promotions.map((p) => ({ code: p.code, startDate: isoDay(p.startDay), endDate: isoDay(p.endDay), expectedUplift: p.expectedUplift })),
    overrides: data.overrides.map((o) => ({ startDate: isoDay(o.firstDay), endDate: isoDay(o.lastDay), dailyUnits: o.dailyUnits })),
    returns: data.returns
      ? { rate: data.returns.rate, lagDays: data.returns.lagDays, received: history(data.returns.received), backToStock: horizon(data.returns.backToStock) }
      : null,
    method: data.method,
    pulledThrough: data.pulledThrough ?? null,
    ownMean: data.ownMean ? horizon(data.ownMean) : null,
    basedOn: data.basedOn ?? null,
    demandClass: data.demandClass,
    accuracy: data.accuracy,
  };
}
