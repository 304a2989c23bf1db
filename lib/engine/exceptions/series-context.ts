import type { PlannedTransfer } from "../allocation/plan-transfers";
import type { InventoryPolicy } from "../policy/compute-inventory-policy";
import type { InventoryProjection } from "../projection/project-inventory";
import type { DayNumber, DemandSeries, SeriesForecast } from "../types";

export interface OpenPurchaseLine {
  purchaseOrderId: string;
  quantity: number;
  promisedDay: DayNumber;
  /** Promised day moved by the supplier's observed mean lateness (and not before tomorrow). */
  expectedDay: DayNumber;
}

/** Everything the detectors know about one location × SKU after forecast, policy and projection. */
export interface SeriesContext {
  seriesId: string;
  locationId: string;
  sku: string;
  asOf: DayNumber;
  history: DemandSeries;
  forecast: SeriesForecast;
  onHand: number;
  unitCost: number;
  unitPrice: number;
  casePack: number;
  leadTimeDays: number;
  reviewPeriodDays: number;
  policy: InventoryPolicy;
  projection: InventoryProjection;
  openLines: readonly OpenPurchaseLine[];
  /** Units the plan allocates from the source DC, arriving after the DC-to-store lead time. */
  allocatedUnits: number;
  transfersIn: readonly PlannedTransfer[];
  transfersOut: readonly PlannedTransfer[];
}

export function unitMargin(context: Pick<SeriesContext, "unitPrice" | "unitCost">): number {
  return Math.max(0, context.unitPrice - context.unitCost);
}

/** Model confidence from backtest WAPE: a perfect backtest gives 1, WAPE ≥ 1.6 gives the floor 0.2. */
export function forecastConfidence(forecast: SeriesForecast): number {
  const wape = forecast.accuracy?.wape;
  if (wape === undefined || !Number.isFinite(wape)) return 0.5;
  return Math.min(1, Math.max(0.2, 1 - wape / 2));
}

/** Σ forecast mean over [start, end) forecast days. */
export function forecastUnits(forecast: SeriesForecast, start: number, end: number): number {
  let total = 0;
  for (let day = Math.max(0, Math.floor(start)); day < Math.min(end, forecast.mean.length); day += 1) {
    total += forecast.mean[day] ?? 0;
  }
  return total;
}
