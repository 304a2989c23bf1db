import type { NetworkLocation, NetworkProduct, NetworkSupplier, PromotionRecord } from "../plan/plan-types";
import type { DayNumber } from "../types";

/**
 * A retailer as the simulation holds it: the network, what the system has recorded up to the first
 * simulated day, and the hidden truth of the simulated days (demand, shrink, lead times) that the
 * engine never sees. Plain data, so a hand-made two-store network and the demo retailer run through
 * the same loop.
 */
export interface DigitalTwin {
  /** Engine day of the first simulated day; the recorded history ends the day before. */
  startDay: DayNumber;
  days: number;
  locations: readonly NetworkLocation[];
  products: readonly (NetworkProduct & { category: string })[];
  suppliers: readonly NetworkSupplier[];
  /** Every stocked location × SKU, in id order. Index = position in this array. */
  series: readonly TwinSeries[];
  /** Recorded daily sales before startDay, per series, from `historyFirstDay`. */
  history: {
    firstDay: DayNumber;
    units: readonly Float64Array[];
    onPromo: readonly Uint8Array[];
    stockout: readonly Uint8Array[];
  };
  /** Stock at the start of startDay, per series: what is really there and what the system believes. */
  physical: Int32Array;
  recorded: Int32Array;
  /** Supplier orders in flight at the start (arrival drawn from the truth). */
  openOrders: readonly TwinOpenOrder[];
  /** Promotions the system knows about (planned lift), including those of the simulated days. */
  promotions: readonly PromotionRecord[];
  truth: TwinTruth;
}

export interface TwinSeries {
  id: string;
  locationId: string;
  sku: string;
  /** Pooling group of the forecaster, `${category}|${region}`. */
  group: string;
  /** Stores and ecommerce sell; DCs only ship. */
  selling: boolean;
}

export interface TwinOpenOrder {
  purchaseOrderId: string;
  supplierId: string;
  locationId: string;
  sku: string;
  quantity: number;
  orderDay: DayNumber;
  promisedDay: DayNumber;
  arrivalDay: DayNumber;
  /** Part of the order arrived before the first simulated day: its lead time is already in the supplier's history. */
  partlyReceived: boolean;
}

/** The hidden process. Functions are pure: the same arguments give the same draw in every policy. */
export interface TwinTruth {
  /** Units demanded on simulated day d (0-based) of series s: `demand[d * series + s]`. */
  demand: Int32Array;
  /** The demand's true mean (the Poisson rate), same layout. */
  expectedDemand: Float64Array;
  /** Units that vanish unrecorded (theft, damage) after the day's sales, same layout. */
  shrink: Int32Array;
  /** Days a supplier order placed on `orderDay` really takes. */
  supplierLeadTime(supplierId: string, locationId: string, orderDay: DayNumber): number;
  /** Days a shipment between own locations takes (plan lead time plus noise). */
  internalLeadTime(fromId: string, toId: string, sku: string, shipDay: DayNumber, plannedDays: number): number;
  /** Days a store books a receipt after it physically arrived (0 = same day). */
  bookingDelay(locationId: string, sku: string, arrivalDay: DayNumber): number;
}

export function seriesKey(locationId: string, sku: string): string {
  return `${locationId}|${sku}`;
}
