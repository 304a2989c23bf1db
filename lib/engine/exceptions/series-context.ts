import type { PlannedTransfer } from "../allocation/plan-transfers";
import type { InventoryPolicy } from "../policy/compute-inventory-policy";
import type { InventoryProjection, ProjectedReceipt, RegularReplenishment } from "../projection/project-inventory";
import type { DayNumber, DemandSeries, SeriesForecast } from "../types";
import type { StockRecordAssessment } from "./assess-stock-record";

export interface OpenPurchaseLine {
  purchaseOrderId: string;
  quantity: number;
  promisedDay: DayNumber;
  /** Promised day moved by the supplier's observed mean lateness (and not before tomorrow). */
  expectedDay: DayNumber;
  /** Chance it lands a day after `expectedDay`: a shipment from the node's own DC, whose lateness is not a supplier's. */
  lateProbability?: number;
}

/** Everything the detectors know about one location × SKU after forecast, policy and projection. */
export interface SeriesContext {
  seriesId: string;
  locationId: string;
  locationType: "dc" | "store" | "ecommerce";
  sku: string;
  asOf: DayNumber;
  history: DemandSeries;
  forecast: SeriesForecast;
  onHand: number;
  /** Whether the recorded on hand is believable; stock that probably is not there is never moved or marked down. */
  stockRecord: StockRecordAssessment;
  unitCost: number;
  unitPrice: number;
  casePack: number;
  leadTimeDays: number;
  reviewPeriodDays: number;
  /** Days of the rolling-origin backtest behind `forecast.accuracy`: the sample its confidence rests on. */
  backtestDays: number;
  policy: InventoryPolicy;
  projection: InventoryProjection;
  openLines: readonly OpenPurchaseLine[];
  /** Customer returns back in sellable stock (after inspection) by projection day; every projection of the series counts them. */
  returnReceipts?: readonly ProjectedReceipt[];
  /** Units the plan allocates from the source DC, arriving after the DC-to-store lead time. */
  allocatedUnits: number;
  /** That allocation as the projection counts it (arrival day, chance of a day's delay). */
  allocationReceipt?: ProjectedReceipt;
  /** The stores' in-stock budget set this store's level below its service level (see levelWorthItsCost). */
  levelUnderBudget?: boolean;
  /**
   * A store's DC after today's allocation: the units it still holds (recorded on hand less what
   * today ships to its stores), which is all an extra order from it can send, and the forecast day
   * its next stock lands (an open PO line or its own projected order; Infinity when none is coming).
   */
  sourceDc?: { dcId: string; unitsLeft: number; nextReceiptOffset: number };
  /** Routine replenishment the projection counts on; none for a store whose DC cannot cover its stores. */
  replenishment?: RegularReplenishment;
  transfersIn: readonly PlannedTransfer[];
  transfersOut: readonly PlannedTransfer[];
}

export function unitMargin(context: Pick<SeriesContext, "unitPrice" | "unitCost">): number {
  return Math.max(0, context.unitPrice - context.unitCost);
}

/**
 * Confidence in the forecast behind an exception: 1 − WAPE/2 from the backtest (floor 0.2), shrunk
 * towards a coin toss by the backtest's size — n days weigh against `CONFIDENCE_PRIOR_DAYS` of prior
 * ignorance — so a short, quiet backtest can never claim certainty. Without a backtest: 0.5.
 */
export function forecastConfidence(forecast: SeriesForecast, backtestDays: number): number {
  const wape = forecast.accuracy?.wape;
  if (wape === undefined || !Number.isFinite(wape)) return 0.5;
  const measured = Math.min(1, Math.max(0.2, 1 - wape / 2));
  return shrinkConfidence(measured, backtestDays);
}

/** Days of evidence a confidence needs to move halfway from 0.5 to what it measured. */
export const CONFIDENCE_PRIOR_DAYS = 3;

export function shrinkConfidence(measured: number, sampleDays: number): number {
  const weight = Math.max(0, sampleDays) / (Math.max(0, sampleDays) + CONFIDENCE_PRIOR_DAYS);
  return 0.5 + (measured - 0.5) * weight;
}

/** Σ forecast mean over [start, end) forecast days. */
export function forecastUnits(forecast: SeriesForecast, start: number, end: number): number {
  let total = 0;
  for (let day = Math.max(0, Math.floor(start)); day < Math.min(end, forecast.mean.length); day += 1) {
    total += forecast.mean[day] ?? 0;
  }
  return total;
}
