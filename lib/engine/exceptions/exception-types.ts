import type { StockHolding } from "../allocation/stock-value";

/** Vocabulary of exceptions, drivers and recommended actions shared by the detectors and the plan. */

export type ExceptionType =
  | "projected-stockout"
  | "excess-stock"
  | "demand-deviation"
  | "supplier-delay"
  | "promotion-readiness"
  | "inventory-inaccuracy"
  | "forecast-drift";

export type DriverUnit = "units" | "days" | "percent" | "money" | "probability" | "weeks" | "ratio" | "count";

/** One quantified reason behind an exception; `text` is `value` formatted, and the only form summaries use. */
export interface Driver {
  key: string;
  label: string;
  value: number;
  unit: DriverUnit;
  text: string;
  /** Business reference the driver is about, e.g. a PO or promotion id. */
  reference?: string;
}

export interface ScoreComponents {
  /** Expected money lost if nothing is done. */
  moneyAtRisk: number;
  /** 1 when the impact is today, halving by `urgencyScaleDays` away. */
  urgency: number;
  daysUntilImpact: number;
  /** How far the data and model can be trusted for this exception, 0–1. */
  confidence: number;
  score: number;
}

export type ActionKind =
  | "transfer-in"
  | "transfer-out"
  | "expedite-po"
  | "raise-order"
  | "cut-po"
  | "cancel-po"
  | "markdown"
  | "adjust-forecast"
  | "cycle-count"
  | "review-model"
  /** Ask the supplier whether a long-overdue PO is still coming; cancel it if not. */
  | "confirm-po";

/**
 * The economics an action was priced on, kept with it so any other quantity is priced by the same
 * formula (see priceAction). Small and JSON-safe: it is stored with the recommendation.
 * - stock-transfer: concave stock value at both ends (what the transfer LP optimised);
 * - capped-cover: each unit earns `unitBenefit` up to the units that can make a difference
 *   (lost sales it avoids, excess it removes), and never more than `benefitCap` in total;
 * - fixed: the action's worth does not depend on its quantity (counts, model reviews).
 */
export type ActionPricing =
  | { model: "stock-transfer"; laneUnitCost: number; unitCost: number; source: StockHolding; destination: StockHolding }
  | {
      model: "capped-cover";
      unitActionCost: number;
      unitBenefit: number;
      coverableUnits: number;
      benefitCap?: number;
      unitGovernanceValue: number;
      /** The quantity is a daily rate over this many days (forecast changes); units = |quantity| × days. */
      quantityDays?: number;
    }
  | { model: "fixed"; cost: number; expectedBenefit: number; governanceValue: number };

export interface ActionFigures {
  cost: number;
  expectedBenefit: number;
  netBenefit: number;
  /** Money the governance tier is decided on: the larger of cost and value of goods committed or moved. */
  governanceValue: number;
}

export interface RecommendedAction {
  rank: number;
  kind: ActionKind;
  quantity: number;
  sourceId?: string;
  destinationId?: string;
  purchaseOrderId?: string;
  cost: number;
  expectedBenefit: number;
  netBenefit: number;
  /** Money the governance tier is decided on: the larger of cost and value of goods committed or moved. */
  governanceValue: number;
  pricing: ActionPricing;
  /**
   * The input quantity this action's quantity is cut from (an order-up-to level, the excess, a
   * node's promotion demand): carry-over calls a change of the quantity material only past
   * MATERIAL_CHANGE.share of it (or of the earlier quantity, if larger). 0 when the action is not cut
   * from a wider quantity: the earlier quantity alone is then the yardstick.
   */
  quantityBasis: number;
  /**
   * A group action's share per store (a markdown or an order for a cluster's stores): one decision,
   * carried out as one action per line. `quantity` is their sum; `sourceId` and `destinationId` are unset.
   */
  lines?: readonly ActionLine[];
}

export interface ActionLine {
  locationId: string;
  /** The line's SKU when the group spans SKUs (a supplier's lines); unset when it is the exception's. */
  sku?: string;
  /** The line's PO when the group spans open supplier orders (a supplier's lines). */
  purchaseOrderId?: string;
  quantity: number;
}

export type ActionProposal = Omit<RecommendedAction, "rank" | "netBenefit">;

/** The one unit an action's quantity is read in: units over the action's window, a forecast change per day. */
export function actionQuantityUnit(kind: ActionKind): "units" | "units-per-day" {
  return kind === "adjust-forecast" ? "units-per-day" : "units";
}

export interface PlanException {
  id: string;
  type: ExceptionType;
  seriesId?: string;
  locationId?: string;
  sku?: string;
  supplierId?: string;
  purchaseOrderId?: string;
  promotionId?: string;
  score: ScoreComponents;
  drivers: Driver[];
  rootCause: string;
  actions: RecommendedAction[];
  /** Set on one exception that stands for the same condition at several stores of a cluster. */
  group?: ExceptionGroup;
}

/**
 * Exceptions decided together; `members` are the single-series exceptions it replaces: what each
 * one's figures are, and what the simulator checks each one's claim against.
 * - "cluster": stores of one region, source DC and planning cluster with the same condition on one
 *   SKU (see groupClusterExceptions).
 * - "supplier-orders": one node's cuts of one supplier's open PO lines in one category, across its POs
 *   (see groupSupplierCuts).
 */
export type ExceptionGroup =
  | { kind: "cluster"; id: string; region: string; cluster: string; sourceDcId: string; members: PlanException[] }
  | {
      kind: "supplier-orders";
      id: string;
      supplierId: string;
      locationId: string;
      category: string;
      /** The POs its lines are on, sorted. */
      purchaseOrderIds: string[];
      members: PlanException[];
    };

/** How root-cause text names suppliers, products and promotions: by name where the plan knows one. */
export interface SubjectNames {
  supplier(id: string): string;
  product(sku: string): string;
  promotion(id: string): string;
  location(id: string): string;
}

/** Names for a plan without any: every subject is named by its code. */
export const codesAsNames: SubjectNames = { supplier: (id) => id, product: (sku) => sku, promotion: (id) => id, location: (id) => id };

export interface ExceptionOptions {
  /** Exceptions with less money at risk than this are not raised: planners are not flooded. */
  minMoneyAtRisk: number;
  /** Highest confidence a model-based exception may state; only recorded facts reach 1. */
  maxInferredConfidence: number;
  urgencyScaleDays: number;
  /** Demand deviation must hold on at least this many of the window's days. */
  minPersistenceDays: number;
  deviationWindowDays: number;
  minDeviationShare: number;
  /**
   * How far, as a share, a sound forecast's level is expected to be off the true demand rate over a
   * week (the prior spread τ of true rate ÷ forecast). A week's fall moves the forecast only by its
   * credibility against it: τ² / (τ² + the week's sampling variance of that ratio), as a Bühlmann
   * credibility or a normal–normal posterior would. Chosen on the simulator (README, ninth pass).
   */
  deviationLevelSpread: number;
  /**
   * A projected stock-out is raised only when the shelf is at least this likely to run empty within
   * lead time + review. Chosen on the simulator's trade-off once store projections counted their DC
   * shipments on the right day (small seed 1, run without action): 0.2 gave precision 0.70 at recall
   * 0.41, 0.3 gives 0.81 at 0.39, 0.6 gave 0.92 at 0.33. The chance is a lower bound (the likeliest
   * day's, not the union over the days), so claims come true more often than they state.
   */
  minStockoutProbability: number;
  /** A PO this many days past its promise, or expected this late, is a supplier delay. */
  minDelayDays: number;
  /**
   * A PO later than this many times its own promised lead time is stale: it is not counted on as
   * arriving, and the action is to confirm or cancel it with the supplier rather than expedite it.
   */
  stalePoLeadTimeMultiple: number;
  /** Lead time deterioration (recent vs earlier mean) that is reported as a driver. */
  minLeadTimeIncreaseDays: number;
  maxWeeksOfCover: number;
  /** A supplier can still change an open line expected at least this many days out (it has not shipped yet). */
  poChangeNoticeDays: number;
  /** Yearly holding plus markdown risk per unit of excess, as a share of unit cost. */
  excessCarryingRate: number;
  markdownDepth: number;
  /** Days left to sell the current stock at full price before what is left is cleared. */
  seasonDays: number;
  /** What a unit left at the end of the season recovers, as a share of its cost. */
  seasonEndSalvageShare: number;
  /** Extra sales a markdown brings, as a share of the usual rate, and the days it runs. */
  markdownLift: number;
  markdownWindowDays: number;
  /**
   * A markdown covers only the units left unsold even when the season's demand comes in at this
   * quantile. Marking down is not undone, a unit marked down that would have sold at full price
   * loses its margin, and the expected leftover — stock less the season's mean demand, a small
   * difference of two large numbers — swings with every day's forecast.
   */
  markdownDemandQuantile: number;
  expediteCostShare: number;
  /**
   * Share of a line's remaining transit left after expediting it (a priority slot, a faster lane): 0.5
   * halves it, and at least a day remains. What an expedite saves is the lost sales between that day and
   * the line's expected day, so it is priced on the projection with the line moved, not on the stock-out day.
   */
  expeditedTransitShare: number;
  cycleCountCost: number;
  /** Zero-sales run that flags phantom stock when its probability under the forecast is below `phantomMaxProbability`. */
  phantomMinZeroDays: number;
  phantomMaxProbability: number;
  phantomBaselineDays: number;
  driftTrackingSignal: number;
  /** Bias a tracking-signal breach must also show to count as drift. */
  driftMinBiasWithSignal: number;
  driftMaxBias: number;
  /**
   * A markdown of excess, or an order against a projected stock-out, at this many stores or more of
   * one cluster (same region, DC and SKU) is one decision listing the stores: one buying mistake or
   * one push from the DC, not N questions. Fewer stores stay single-store exceptions.
   */
  minClusterGroupStores: number;
  /**
   * The approval policy's value bar (`minDecisionValue`): a person is asked about an action only when
   * it nets at least this much. Plan runs pass the active policy's; the default is the default
   * policy's. Excess whose every action is one only a person may approve (a markdown, a cut or
   * cancelled open line) and nets less is not raised (see keepWorthDeciding).
   */
  minDecisionValue: number;
}

export const defaultExceptionOptions: ExceptionOptions = {
  minMoneyAtRisk: 25,
  maxInferredConfidence: 0.95,
  urgencyScaleDays: 7,
  minPersistenceDays: 4,
  deviationWindowDays: 7,
  minDeviationShare: 0.2,
  deviationLevelSpread: 0.15,
  minStockoutProbability: 0.3,
  minDelayDays: 2,
  stalePoLeadTimeMultiple: 2,
  minLeadTimeIncreaseDays: 2,
  maxWeeksOfCover: 10,
  poChangeNoticeDays: 3,
  excessCarryingRate: 0.3,
  markdownDepth: 0.3,
  seasonDays: 91,
  seasonEndSalvageShare: 0.5,
  markdownLift: 1,
  markdownWindowDays: 28,
  markdownDemandQuantile: 0.9,
  expediteCostShare: 0.08,
  expeditedTransitShare: 0.5,
  cycleCountCost: 15,
  phantomMinZeroDays: 7,
  phantomMaxProbability: 1e-4,
  phantomBaselineDays: 56,
  driftTrackingSignal: 4,
  driftMinBiasWithSignal: 0.1,
  driftMaxBias: 0.25,
  minClusterGroupStores: 3,
  minDecisionValue: 75,
};
