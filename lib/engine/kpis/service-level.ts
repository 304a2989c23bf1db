/** Additive service facts of a segment over a period (summed over series × days). */
export interface ServiceTotals {
  /** Series-days observed (a series is observed on the days it has a sales row). */
  seriesDays: number;
  /** Series-days flagged out of stock. */
  stockoutDays: number;
  /**
   * Demand on stock-out series-days: units still sold those days plus the estimated lost units.
   * Null when not measured (facts stored before it existed).
   */
  stockoutDemand: number | null;
  unitsSold: number;
  /** Units demand would have taken on stock-out days but could not (estimated). */
  lostUnits: number;
  /** Lost units at unit price. */
  lostSales: number;
}

export const IN_STOCK_DEFINITION =
  "In-stock % (weighted by demand): the share of the period's demand that fell on location × SKU days when the item was in stock. Demand is units sold plus estimated lost units; on a stock-out day it is what still sold plus what was lost. A day out of stock on a fast seller therefore weighs more than one on a slow seller.";
export const FILL_RATE_DEFINITION =
  "Fill rate: units sold ÷ (units sold + estimated lost units) — the share of demand that was served from stock.";
export const LOST_SALES_DEFINITION =
  "Estimated lost sales: on each stock-out day, the series' average daily sales on its in-stock days of the period minus what it still sold that day (never below zero), valued at the unit price.";

/**
 * Lost units per day of one series: on stock-out days, the series' mean sales on in-stock days of
 * the same window minus what was still sold; 0 on in-stock days. A series out of stock all window
 * has no in-stock reference and counts no lost units (unknown rather than guessed).
 */
export function estimateLostUnits(units: readonly number[], stockout: readonly boolean[]): number[] {
  let inStockUnits = 0;
  let inStockDays = 0;
  for (let i = 0; i < units.length; i++) {
    if (!stockout[i]) {
      inStockUnits += units[i]!;
      inStockDays++;
    }
  }
  const expected = inStockDays > 0 ? inStockUnits / inStockDays : 0;
  return units.map((u, i) => (stockout[i] ? Math.max(0, expected - u) : 0));
}

export function sumServiceTotals(rows: readonly ServiceTotals[]): ServiceTotals {
  const out: ServiceTotals = { seriesDays: 0, stockoutDays: 0, stockoutDemand: 0, unitsSold: 0, lostUnits: 0, lostSales: 0 };
  for (const r of rows) {
    out.seriesDays += r.seriesDays;
    out.stockoutDays += r.stockoutDays;
    out.stockoutDemand = out.stockoutDemand === null || r.stockoutDemand === null ? null : out.stockoutDemand + r.stockoutDemand;
    out.unitsSold += r.unitsSold;
    out.lostUnits += r.lostUnits;
    out.lostSales += r.lostSales;
  }
  return out;
}

/** Units demanded: sold plus estimated lost. The base of both in-stock and fill rate. */
export function demandUnits(t: Pick<ServiceTotals, "unitsSold" | "lostUnits">): number {
  return t.unitsSold + t.lostUnits;
}

/**
 * Demand-weighted in-stock: demand on in-stock series-days ÷ all demand. Never above the fill rate,
 * which also counts what still sold on stock-out days. Null without demand or when not measured.
 */
export function inStockRate(t: ServiceTotals): number | null {
  const demand = demandUnits(t);
  if (demand <= 0 || t.stockoutDemand === null) return null;
  return Math.max(0, demand - t.stockoutDemand) / demand;
}

/** Null when there was no demand at all. */
export function fillRate(t: ServiceTotals): number | null {
  const demand = demandUnits(t);
  return demand > 0 ? t.unitsSold / demand : null;
}
