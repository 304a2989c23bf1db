import type { CandidateAllocation } from "../allocation/allocate-scarce-stock";
import type { PlannedTransfer, TransferPlan } from "../allocation/plan-transfers";
import type { ServiceTarget } from "../policy/compute-inventory-policy";
import type { DemandDistribution } from "../policy/demand-distribution";
import type { LeadTimeObservation } from "../policy/summarize-supplier-lead-times";
import type { InventoryProjection } from "../projection/project-inventory";
import type { ForecastDriftFinding } from "../exceptions/detect-forecast-drift";
import type { ActionKind, ExceptionOptions, PlanException } from "../exceptions/exception-types";
import type { ForecastReference } from "../forecast/borrow-from-like-items";
import type { DayNumber, DemandClass, DemandSeries, SeriesAccuracy, SeriesForecast } from "../types";

export interface NetworkLocation {
  id: string;
  type: "dc" | "store" | "ecommerce";
  /** How planners name it in root-cause text; the id when absent. */
  name?: string;
  region: string;
  cluster: string;
  /** DC that replenishes this location; undefined for DCs and direct-supplied nodes. */
  sourceDcId?: string;
}

export interface NetworkProduct {
  sku: string;
  unitCost: number;
  unitPrice: number;
  casePack: number;
  supplierId: string;
  /** How planners name it ("based on SKU … (name)"). */
  name?: string;
  /** Like items for a new product come from the same category and price band. */
  category?: string;
  /** A planner's like-for-like SKU for a new product, and the scale of its forecast. */
  reference?: { sku: string; factor: number };
}

export interface NetworkSupplier {
  id: string;
  /** How planners name it in root-cause text; the id when absent. */
  name?: string;
  promisedLeadTimeDays: number;
  leadTimeHistory: readonly LeadTimeObservation[];
}

export interface StockRecord {
  locationId: string;
  sku: string;
  onHand: number;
  /** Day of the last physical count of this stock, if any: phantom-stock evidence starts after it. */
  lastCountDay?: DayNumber;
}

export interface PurchaseOrderLine {
  purchaseOrderId: string;
  supplierId: string;
  locationId: string;
  sku: string;
  quantity: number;
  orderDay: DayNumber;
  promisedDay: DayNumber;
}

export interface PromotionRecord {
  id: string;
  /** How planners name it in root-cause text; the id when absent. */
  name?: string;
  sku: string;
  locationIds: readonly string[];
  startDay: DayNumber;
  endDay: DayNumber;
  /** Planned uplift over baseline, 0.3 = +30%. */
  expectedUplift: number;
}

/** Units customers returned to a location on a day (returns.csv, return.received events). */
export interface ReturnRecord {
  locationId: string;
  sku: string;
  day: DayNumber;
  units: number;
}

/** A plain snapshot of the network on `asOf`; demand series ids are `${locationId}|${sku}` and end on asOf. */
export interface PlanSnapshot {
  asOf: DayNumber;
  locations: readonly NetworkLocation[];
  products: readonly NetworkProduct[];
  suppliers: readonly NetworkSupplier[];
  demand: readonly DemandSeries[];
  stock: readonly StockRecord[];
  purchaseOrders: readonly PurchaseOrderLine[];
  promotions: readonly PromotionRecord[];
  /** Customer returns received; recent ones are still in inspection, all of them teach the return rate. */
  returns?: readonly ReturnRecord[];
}

export interface PlanOptions {
  horizonDays: number;
  serviceTarget: ServiceTarget;
  /**
   * Service of a DC's buffer for the stores it replenishes. A DC short for a few days delays store
   * top-ups, which the stores' own safety stock (set at `serviceTarget`) absorbs; it loses a sale only
   * when a store runs dry too. The DC's own sales (its independent demand) keep `serviceTarget`.
   */
  dcServiceTarget: ServiceTarget;
  /**
   * One inventory budget for the stores' levels, as its price: a store that one case covers for its
   * protection period keeps a unit of its level only while it adds at least this much chance of
   * opening a day with demand in stock per dollar of its cost, counting the whole cases it receives
   * (see levelWorthItsCost). 0 keeps every store at the service target.
   */
  storeInStockPerDollar: number;
  reviewPeriodDays: number;
  /**
   * Days of demand one supplier order of a DC that replenishes stores brings (its (s, S) order
   * cycle): a shorter cycle holds less cycle stock at the DC for more order lines. The DC's buffer
   * is then set per cycle so that it runs the stock-out chances a year of a `reviewPeriodDays` cycle
   * at `dcServiceTarget` (see replenishmentPolicyInput).
   */
  dcOrderCycleDays: number;
  pessimisticLevel: number;
  /** Replenishment from a DC to its stores. */
  dcToStoreLeadTime: { meanDays: number; sdDays: number };
  storeTransfer: { unitCost: number; leadTimeDays: number };
  storeToDcReturn: { unitCost: number; leadTimeDays: number };
  /** Yearly holding cost as a share of unit cost. */
  holdingRatePerYear: number;
  /** Leftover cost at a DC relative to a store (DC stock can still go anywhere). */
  dcLeftoverShare: number;
  transferTimeLimitSeconds: number;
  /** Transfer LPs per run, most short SKUs first; the rest use the greedy and say so. */
  maxTransferProblems: number;
  /** Piecewise-linear segments per node in the transfer LP. */
  transferSegmentsPerNode: number;
  forecastWorkers?: number;
  backtestDays: number;
  /** Days from a customer return's arrival to sellable stock (inspection, repacking), by location type. */
  returnInspectionDays: Record<NetworkLocation["type"], number>;
  exceptions: ExceptionOptions;
}

export interface SeriesPlan {
  seriesId: string;
  locationId: string;
  sku: string;
  forecast: {
    method: string;
    demandClass: DemandClass;
    meanDaily: number;
    horizonUnits: number;
    nbSize: number;
    accuracy?: SeriesAccuracy;
  };
  /**
   * A DC's demand as its policy and projection plan it: its own sales plus what the locations it
   * supplies will draw (addDependentDemand), and those locations' series. Absent where the plan
   * uses the series' own forecast.
   */
  dependentDemand?: { forecast: SeriesForecast; downstreamSeriesIds: string[] };
  policy: {
    status: "ok" | "no-demand";
    leadTimeMeanDays: number;
    leadTimeSdDays: number;
    protectionDays: number;
    protectionDemand: DemandDistribution;
    safetyStock: number;
    reorderPoint: number;
    orderUpToLevel: number;
    achievedCycleService: number;
    achievedFillRate: number;
  };
  projection: {
    onHand: number;
    onOrder: number;
    /** Units allocated from the DC in this plan, counted as a receipt after the DC-to-store lead time. */
    allocatedUnits: number;
    /** Returned units back in sellable stock by projection day, and the return rate behind them; absent without returns. */
    returns?: { rate: number; lagDays: number; receipts: { dayOffset: number; quantity: number }[] };
    /** The median path if the top action of the series' highest-ranked exception is carried out. */
    withAction?: { exceptionId: string; actionKind: ActionKind; quantity: number; median: Float64Array };
  } & ProjectionSummary;
}

/** The parts of an inventory projection a series plan keeps. */
export type ProjectionSummary = Pick<
  InventoryProjection,
  | "median"
  | "pessimistic"
  | "firstDayBelowZero"
  | "firstDayBelowZeroPessimistic"
  | "firstDayBelowSafetyStock"
  | "expectedLostUnits"
  | "stockoutProbability"
  | "stockoutProbabilityInProtection"
>;

export interface DcAllocation {
  dcId: string;
  sku: string;
  availableUnits: number;
  allocatedUnits: number;
  allocations: CandidateAllocation[];
}

export interface SkuTransferPlan {
  sku: string;
  status: TransferPlan["status"];
  fallbackReason?: TransferPlan["fallbackReason"];
  transfers: PlannedTransfer[];
  totalGain: number;
}

export type PlanStage = "forecast" | "policy" | "allocation" | "exceptions";

/**
 * A forecast drift finding of the run, raised as an exception or not: the model-monitoring record.
 * `passedValueBar` is false when its money effect is below the approval policy's value bar, so it
 * was kept out of the exceptions (keepWorthDeciding).
 */
export type PlanDriftFinding = Omit<ForecastDriftFinding, "exception"> & {
  /** The id its exception has when raised (the same id across runs). */
  exceptionId: string;
  passedValueBar: boolean;
};

export interface PlanResult {
  status: "ok" | "no-series";
  asOf: DayNumber;
  series: SeriesPlan[];
  exceptions: PlanException[];
  /** Every forecast drift finding, including those below the value bar that raised no exception. */
  driftFindings: PlanDriftFinding[];
  allocations: DcAllocation[];
  transfers: SkuTransferPlan[];
  /** Milliseconds per stage and in total. */
  timings: Record<PlanStage | "total", number>;
  /** Series skipped for missing product, location or stock data, with the reason. */
  skipped: { seriesId: string; reason: string }[];
}

export type ForecastStep = (
  series: DemandSeries[],
  options: { horizon: number; futurePromo: Map<string, Uint8Array>; backtestDays: number; workers?: number; references?: Map<string, ForecastReference>; likeItemsForUnsold?: boolean },
) => Promise<SeriesForecast[]>;
