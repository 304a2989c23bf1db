/**
 * Shared vocabulary of the planning engine. The engine is pure: plain data and typed arrays in,
 * results with an explicit status out; no database, no Next.js, no I/O.
 */

/** Days since 1970-01-01 UTC. Integer day numbers keep date arithmetic exact and cheap. */
export type DayNumber = number;

export type DemandClass = "smooth" | "erratic" | "intermittent" | "lumpy";

/** Daily demand history of one location × SKU series. */
export interface DemandSeries {
  /** Stable key, e.g. `${locationCode}|${sku}`. */
  id: string;
  /** Day of `units[0]`. */
  firstDay: DayNumber;
  /** Units sold per day; 0 where nothing sold. */
  units: Float64Array;
  /** 1 on days the series was on promotion. */
  onPromo?: Uint8Array;
  /** 1 on days demand was censored by a stock-out (sales < demand). */
  stockout?: Uint8Array;
  /** Pooling key for effects estimated across related series, e.g. `${category}|${region}`. */
  group?: string;
  /** What like-item matching knows of the product: a new product borrows from its category and price band. */
  product?: ProductAttributes;
}

export interface ProductAttributes {
  /** How planners name the product ("based on SKU … (name)"). */
  sku?: string;
  name?: string;
  category?: string;
  price?: number;
}

/** A new product's forecast borrowed from like items or a planner-chosen reference (SeriesForecast.basedOn). */
export interface BorrowedForecast {
  /** Series the shape and level come from. */
  seriesIds: string[];
  /** Their names as planners read them (SKUs when known). */
  names: string[];
  /** Scale applied to the borrowed level (the planner's factor, 1 for like items). */
  factor: number;
  /** Weight of the product's own sales in the blend: days sold so far / 56, capped at 1. */
  ownWeight: number;
  /** "based on SKU … ×0.8" — what the detail page shows. */
  text: string;
}

/** A forecast quantile level and its value for each horizon day. */
export interface QuantileSeries {
  level: number;
  values: Float64Array;
}

/** Backtest accuracy of one series (rolling origin, on its own history). */
export interface SeriesAccuracy {
  wape: number;
  mase: number;
  rmsse: number;
  /** Mean(forecast − actual) / mean(actual); positive means over-forecast. */
  bias: number;
  /** Share of actuals inside the p10–p90 interval. */
  coverage80: number;
  /** Tracking signal: cumulative error / mean absolute deviation; |TS| > 4 flags drift. */
  trackingSignal: number;
}

/** Ends a forecast method's name when its level was cut to the rate since the series stopped selling. */
export const STOPPED_SUFFIX = " after a stop";

/** Forecast of one series over the horizon. */
export interface SeriesForecast {
  id: string;
  method: string;
  demandClass: DemandClass;
  /** Day of `mean[0]`: the day after the last history day. */
  firstDay: DayNumber;
  mean: Float64Array;
  /**
   * Negative-binomial size parameter of the daily forecast error distribution:
   * variance = mean + mean² / nbSize. Infinity means Poisson. Estimated from backtest residuals.
   */
  nbSize: number;
  /** Quantiles requested by the caller (always at least 0.1, 0.5, 0.9). */
  quantiles: QuantileSeries[];
  accuracy?: SeriesAccuracy;
  /** Fitted parameters, passed back in to warm-start the next fit. */
  state?: unknown;
  /** Set when a new product (< 8 weeks of sales) borrows from like items or a reference item. */
  basedOn?: BorrowedForecast;
}
