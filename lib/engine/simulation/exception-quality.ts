import type { ExceptionOptions, ExceptionType, PlanException, RecommendedAction } from "../exceptions/exception-types";
import type { PlanResult } from "../plan/plan-types";
import { carryOver, type PriorRecommendation } from "../exceptions/carry-over";
import type { DayNumber } from "../types";
import type { TwinWorld } from "./twin-world";

/** Exception types with a precision figure: each makes a claim the hidden truth can settle. */
export const CHECKED_TYPES = ["projected-stockout", "excess-stock", "inventory-inaccuracy", "supplier-delay"] as const satisfies readonly ExceptionType[];
type CheckedType = (typeof CHECKED_TYPES)[number];

/** A quantity change smaller than this (share, or one unit) is not churn. */
const QUANTITY_TOLERANCE_SHARE = 0.1;
/** Weeks of true demand an excess claim is checked against: the detector's own horizon. */
const EXCESS_CHECK_DAYS = 28;

interface Claim {
  day: number;
  type: CheckedType;
  seriesIndex: number;
  /** Days from the plan day the claim speaks about (stock-out and inaccuracy: lead time + review). */
  windowDays: number;
  moneyAtRisk: number;
  /** The confidence the exception stated. */
  confidence: number;
  /** Settled at once from the truth on the plan day (inaccuracy, excess), or later from what happened (stock-out, delay). */
  settled?: boolean;
  purchaseOrderId?: string;
  promisedDay?: DayNumber;
}

export interface ExceptionQuality {
  /**
   * Share of each checked type's exceptions (one per plan day) that the hidden truth bore out, null
   * when none was raised: a stock-out whose physical stock really ran out within lead time + review,
   * excess above the allowed cover of true demand, a record that really differed from the shelf, a
   * PO that really arrived at least `minDelayDays` after its promise.
   */
  precision: Record<string, number | null>;
  /** Exceptions settled per type (the denominators). */
  checked: Record<string, number>;
  /**
   * Share of stock-out episodes (a run of days on which a selling series turned demand away) flagged
   * by a stock-out or inventory-inaccuracy exception on the series at least one lead time ahead.
   */
  recall: number | null;
  /**
   * The same episodes weighted by the margin they lost (lost units over the episode's days × unit
   * margin): the share of that margin whose episode was flagged in time, by the recall's own rule.
   * Reported beside the count, which weighs a $5 episode like a $500 one; null without lost margin.
   */
  marginWeightedRecall: number | null;
  /** Margin lost over all stock-out episodes (the weighted recall's denominator). */
  stockoutEpisodeLostMargin: number;
  stockoutEpisodes: number;
  /**
   * Every stock-out episode by what preceded it, first matching cause: flagged in time (the recall's
   * numerator), flagged but later than one lead time ahead, seen by the projection below the gate,
   * a record above the shelf, a DC that could not top the store up, a replenishment that came late,
   * a promotion, or none of these: demand above a level the store was topped up to.
   */
  stockoutEpisodeCauses: Record<StockoutEpisodeCause, number>;
  /**
   * Precision and recall if stock-outs were raised only at or above each threshold of their
   * confidence (the chance of an empty shelf): the trade-off the gate chooses on. Thresholds below
   * the engine's own gate cannot be read from a run.
   */
  stockoutTradeOff: { threshold: number; claims: number; precision: number | null; recall: number | null }[];
  /**
   * What claims made on the true chance of an empty shelf would reach: a claim on every selling
   * series-day whose chance within the stores' window (lead time + review) is at or above each
   * threshold, settled and counted by the rules above. The chance is computed knowing what no plan
   * can — the shelf's physical stock, the true daily demand rates and every arrival as it really came —
   * so only the demand draw itself is uncertain: an upper bound on what a projection can see ahead.
   */
  stockoutTrueChanceFrontier: { threshold: number; claims: number; precision: number | null; recall: number | null; marginWeightedRecall: number | null }[];
  /**
   * Share of recommendations open on consecutive days whose action or quantity changed with no
   * material input change, as the queue shows them (after the plan runs' carry-over rule).
   */
  churn: number | null;
  /** The same on the engine's raw proposals, before carry-over. */
  engineChurn: number | null;
  consecutivePairs: number;
  /** Churned recommendations per type, as a share of all consecutive pairs (they add up to churn). */
  churnByType: Record<string, number>;
  /** Recommendations needing a person per planner per day (before the capacity cap). */
  perPlannerDay: number;
  /** Of those, items that were not already waiting the day before: the day's new work. */
  newPerPlannerDay: number;
  /** Items whose action would need a person but nets less than the policy's value bar, per planner-day: shown, not asked. */
  belowValueBarPerPlannerDay: number;
  /** Exceptions per day by type. */
  perDayByType: Record<string, number>;
  /** The human queue per planner-day by type (they add up to perPlannerDay). */
  queuePerPlannerDayByType: Record<string, number>;
  /** Money at risk the exceptions stated vs the lost margin that followed within their window (no action taken). */
  moneyAtRisk: Record<string, { stated: number; lossThatFollowed: number }>;
  /**
   * Stated confidence against what happened: per checked type and for all of them together, the
   * settled claims in each confidence bucket and the share the hidden truth bore out. A calibrated
   * confidence has a hit rate close to its mean confidence in every bucket.
   */
  calibration: CalibrationRow[];
}

export interface CalibrationRow {
  /** A checked type in the report's spelling, or "all". */
  type: string;
  /** Bucket [from, to); the last bucket includes 1. */
  from: number;
  to: number;
  claims: number;
  hits: number;
  meanConfidence: number;
  hitRate: number;
}

export const STOCKOUT_EPISODE_CAUSES = [
  "flagged",
  "flagged-too-late",
  "below-gate",
  "record-above-shelf",
  "dc-could-not-top-up",
  "late-replenishment",
  "promotion",
  "demand-above-level",
] as const;
export type StockoutEpisodeCause = (typeof STOCKOUT_EPISODE_CAUSES)[number];

/** Below this chance of an empty shelf the projection did not see the episode coming at all. */
const SEEN_BELOW_GATE_PROBABILITY = 0.1;

/** Stock-out confidence thresholds the precision/recall trade-off is reported at. */
export const STOCKOUT_TRADE_OFF_THRESHOLDS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7] as const;

/** Thresholds of the true chance the frontier is reported at: finer where precision crosses its target. */
export const TRUE_CHANCE_THRESHOLDS = [0.1, 0.2, 0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.9] as const;
/** Below this bound on its chance a series-day is not worth the exact computation: no threshold reaches it. */
const TRUE_CHANCE_NEGLIGIBLE = 0.005;

/**
 * P(the shelf is empty at the end of some day): it opens with `stock` (after the day's arrivals and
 * shipments out), day k adds `netArrivals[k]` (k ≥ 1; negative for stock shipped out) and loses a
 * Poisson draw of mean `rates[k]`, shelf empty when the draw takes all there is. Exact, by the
 * distribution of what is left on the paths that have not run out yet.
 */
export function emptyShelfChance(stock: number, netArrivals: ArrayLike<number>, rates: ArrayLike<number>): number {
  const days = rates.length;
  let minimumSupply = stock;
  let supply = stock;
  let totalRate = 0;
  for (let day = 0; day < days; day += 1) {
    if (day > 0) supply += netArrivals[day]!;
    minimumSupply = Math.min(minimumSupply, supply);
    totalRate += rates[day]!;
  }
  if (minimumSupply <= 0) return 1;
  // Running out needs the whole window's demand to reach the lowest supply on the way.
  if (poissonAtLeast(totalRate, minimumSupply) < TRUE_CHANCE_NEGLIGIBLE) return poissonAtLeast(totalRate, minimumSupply);
  let left = new Map<number, number>([[stock, 1]]);
  let empty = 0;
  for (let day = 0; day < days; day += 1) {
    const next = new Map<number, number>();
    for (const [units, chance] of left) {
      const shelf = units + (day > 0 ? netArrivals[day]! : 0);
      if (shelf <= 0) {
        empty += chance;
        continue;
      }
      // P(draw = x) for x < shelf leaves shelf − x; the rest empties it.
      let pmf = Math.exp(-rates[day]!);
      let below = 0;
      for (let drawn = 0; drawn < shelf; drawn += 1) {
        if (drawn > 0) pmf *= rates[day]! / drawn;
        below += pmf;
        next.set(shelf - drawn, (next.get(shelf - drawn) ?? 0) + chance * pmf);
      }
      empty += chance * Math.max(0, 1 - below);
    }
    left = next;
  }
  return Math.min(1, empty);
}

function poissonAtLeast(mean: number, units: number): number {
  if (units <= 0) return 1;
  let pmf = Math.exp(-mean);
  let below = pmf;
  for (let drawn = 1; drawn < units; drawn += 1) {
    pmf *= mean / drawn;
    below += pmf;
  }
  return Math.max(0, 1 - below);
}

/** Confidence bucket edges: coarse below 0.5 (a coin toss or worse), finer where decisions are made. */
export const CALIBRATION_EDGES = [0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1] as const;

/** Buckets settled (confidence, outcome) pairs; buckets without claims are left out. */
export function calibrationTable(type: string, outcomes: readonly { confidence: number; hit: boolean }[]): CalibrationRow[] {
  const rows: CalibrationRow[] = [];
  for (let bucket = 0; bucket < CALIBRATION_EDGES.length - 1; bucket += 1) {
    const from = CALIBRATION_EDGES[bucket]!;
    const to = CALIBRATION_EDGES[bucket + 1]!;
    const last = bucket === CALIBRATION_EDGES.length - 2;
    const inside = outcomes.filter((outcome) => outcome.confidence >= from && (outcome.confidence < to || (last && outcome.confidence <= to)));
    if (inside.length === 0) continue;
    const hits = inside.filter((outcome) => outcome.hit).length;
    const meanConfidence = inside.reduce((sum, outcome) => sum + outcome.confidence, 0) / inside.length;
    rows.push({ type, from, to, claims: inside.length, hits, meanConfidence, hitRate: hits / inside.length });
  }
  return rows;
}

/**
 * Records what the exceptions claimed while the world ran without acting on them, and settles the
 * claims against the hidden truth: a stock-out that did happen within the stated window, stock that
 * really was over the allowed cover, a record that really was wrong, a PO that really came late.
 */
export class NoActionClaims {
  private readonly claims: Claim[] = [];
  private readonly lost: Float64Array;
  /** Physical stock at the end of each day, per series. */
  private readonly physicalEnd: Int32Array;
  private readonly flaggedDays: Map<number, number[]>;
  /** Selling series each DC series supplies. */
  private readonly downstream = new Map<number, number[]>();
  /** Per plan day and series: the projection's chance of an empty shelf within lead time + review. */
  private readonly projectedProbability: Float32Array;
  /** Per plan day and series: the record was above the shelf that morning. */
  private readonly recordAboveShelf: Uint8Array;
  /** Per plan day and store: its position stayed below S after the DC's allocation shipped. */
  private readonly notToppedUp: Uint8Array;
  /** Per day and series: a replenishment promised by that day had not arrived. */
  private readonly lateReplenishment: Uint8Array;
  /** Per day and series: physical stock when trade opens (after the morning's arrivals and the DC's shipments out). */
  private readonly shelfAtOpening: Int32Array;

  constructor(
    private readonly world: TwinWorld,
    private readonly options: ExceptionOptions,
    private readonly leadTimeDays: number,
  ) {
    this.lost = new Float64Array(world.twin.days * world.twin.series.length);
    this.physicalEnd = new Int32Array(world.twin.days * world.twin.series.length);
    this.flaggedDays = new Map();
    const cells = world.twin.days * world.twin.series.length;
    this.projectedProbability = new Float32Array(cells);
    this.recordAboveShelf = new Uint8Array(cells);
    this.notToppedUp = new Uint8Array(cells);
    this.lateReplenishment = new Uint8Array(cells);
    this.shelfAtOpening = new Int32Array(cells);
    world.sourceIndex.forEach((dcIndex, index) => {
      if (dcIndex >= 0) this.downstream.set(dcIndex, [...(this.downstream.get(dcIndex) ?? []), index]);
    });
  }

  /** Called with each morning's plan, before anything moves. */
  recordPlan(day: number, today: DayNumber, result: PlanResult): void {
    const { world } = this;
    const truth = world.twin.truth;
    const count = world.twin.series.length;
    const orderUpTo = new Map(result.series.map((plan) => [plan.seriesId, plan.policy.orderUpToLevel]));
    for (const plan of result.series) {
      const index = world.seriesIndex.get(plan.seriesId);
      if (index !== undefined) this.projectedProbability[day * count + index] = plan.projection.stockoutProbabilityInProtection;
    }
    for (let index = 0; index < count; index += 1) if (world.recorded[index]! > world.physical[index]!) this.recordAboveShelf[day * count + index] = 1;
    let inFlight: Int32Array | undefined;
    // A cluster's group claims what each of its stores claimed: each is settled on its own series.
    for (const exception of result.exceptions.flatMap((raised) => raised.group?.members ?? [raised])) {
      const seriesIndex = exception.seriesId === undefined ? -1 : (world.seriesIndex.get(exception.seriesId) ?? -1);
      const window = Math.max(1, Math.ceil(driver(exception, "protection-days") ?? this.leadTimeDays + 7));
      if (exception.type === "projected-stockout" || exception.type === "inventory-inaccuracy") {
        // Inventory inaccuracy always counts; a stock-out counts at thresholds up to its confidence.
        const strength = exception.type === "projected-stockout" ? exception.score.confidence : Number.POSITIVE_INFINITY;
        if (seriesIndex >= 0) this.flaggedDays.set(seriesIndex, [...(this.flaggedDays.get(seriesIndex) ?? []), day, window, strength]);
      }
      switch (exception.type) {
        case "projected-stockout":
          this.claims.push({ day, type: exception.type, seriesIndex, windowDays: window, moneyAtRisk: exception.score.moneyAtRisk, confidence: exception.score.confidence });
          break;
        case "inventory-inaccuracy":
          this.claims.push({
            day,
            type: exception.type,
            seriesIndex,
            windowDays: window,
            moneyAtRisk: exception.score.moneyAtRisk,
            confidence: exception.score.confidence,
            settled: world.recorded[seriesIndex] !== world.physical[seriesIndex],
          });
          break;
        case "excess-stock": {
          inFlight ??= this.inFlight();
          const sellers = world.twin.series[seriesIndex]!.selling ? [seriesIndex] : (this.downstream.get(seriesIndex) ?? []);
          let expected = 0;
          let days = 0;
          for (let d = day; d < Math.min(world.twin.days, day + EXCESS_CHECK_DAYS); d += 1, days += 1) {
            for (const index of sellers) expected += truth.expectedDemand[d * count + index]!;
          }
          const weekly = days > 0 ? (expected / days) * 7 : 0;
          const position = world.physical[seriesIndex]! + inFlight[seriesIndex]!;
          const allowed = Math.max(orderUpTo.get(exception.seriesId!) ?? 0, weekly * this.options.maxWeeksOfCover);
          this.claims.push({
            day,
            type: exception.type,
            seriesIndex,
            windowDays: 0,
            moneyAtRisk: exception.score.moneyAtRisk,
            confidence: exception.score.confidence,
            settled: days >= 7 ? position > allowed : undefined,
          });
          break;
        }
        case "supplier-delay": {
          const line = world.shipments.find((shipment) => shipment.id === exception.purchaseOrderId);
          if (!line) break;
          this.claims.push({
            day,
            type: exception.type,
            seriesIndex: line.toIndex,
            windowDays: 0,
            moneyAtRisk: exception.score.moneyAtRisk,
            confidence: exception.score.confidence,
            purchaseOrderId: line.id,
            promisedDay: line.promisedDay,
          });
          break;
        }
        default:
          break;
      }
    }
    void today;
  }

  /** Called once the plan's DC allocations have shipped: which stores the DC could not bring up to S. */
  recordShipped(day: number, result: PlanResult): void {
    const { world } = this;
    const count = world.twin.series.length;
    this.shelfAtOpening.set(world.physical, day * count);
    for (const plan of result.series) {
      const index = world.seriesIndex.get(plan.seriesId);
      if (index === undefined || world.sourceIndex[index]! < 0) continue;
      if (world.recorded[index]! + world.inbound[index]! < plan.policy.orderUpToLevel) this.notToppedUp[day * count + index] = 1;
    }
  }

  /** Called after each day's trade with that day's lost units per series. */
  recordTrade(day: number, lostToday: Float64Array, today: DayNumber): void {
    const count = this.world.twin.series.length;
    this.lost.set(lostToday, day * count);
    this.physicalEnd.set(this.world.physical, day * count);
    for (const shipment of this.world.shipments) {
      if (shipment.kind === "replenishment" && shipment.bookingDay === undefined && shipment.promisedDay <= today && shipment.arrivalDay > today) {
        this.lateReplenishment[day * count + shipment.toIndex] = 1;
      }
    }
  }

  private inFlight(): Int32Array {
    const units = new Int32Array(this.world.twin.series.length);
    for (const shipment of this.world.shipments) if (shipment.bookingDay === undefined) units[shipment.toIndex]! += shipment.quantity;
    return units;
  }

  /** Settles every claim whose window has passed. */
  settle(): Pick<
    ExceptionQuality,
    | "precision"
    | "checked"
    | "recall"
    | "marginWeightedRecall"
    | "stockoutEpisodeLostMargin"
    | "stockoutEpisodes"
    | "stockoutEpisodeCauses"
    | "stockoutTradeOff"
    | "stockoutTrueChanceFrontier"
    | "moneyAtRisk"
    | "calibration"
  > {
    const { world } = this;
    const count = world.twin.series.length;
    const days = world.twin.days;
    const margin = Float64Array.from(world.twin.series, (entry) => {
      const product = world.twin.products.find((candidate) => candidate.sku === entry.sku)!;
      return Math.max(0, product.unitPrice - product.unitCost);
    });
    const lostIn = (seriesIndex: number, from: number, length: number) => {
      let units = 0;
      for (let d = from; d < from + length; d += 1) units += this.lost[d * count + seriesIndex]!;
      return units;
    };
    const ranOut = (seriesIndex: number, from: number, length: number) => {
      for (let d = from; d < from + length; d += 1) if (this.physicalEnd[d * count + seriesIndex]! <= 0 || this.lost[d * count + seriesIndex]! > 0) return true;
      return false;
    };
    const hits = new Map<string, number>();
    const totals = new Map<string, number>();
    const outcomes = new Map<string, { confidence: number; hit: boolean }[]>();
    const money: ExceptionQuality["moneyAtRisk"] = {};
    const lastDay = world.twin.startDay + days - 1;
    for (const claim of this.claims) {
      let verdict: boolean | undefined = claim.settled;
      if (claim.type === "projected-stockout" || claim.type === "inventory-inaccuracy") {
        const complete = claim.day + claim.windowDays <= days;
        if (complete && claim.seriesIndex >= 0) {
          const lostUnits = lostIn(claim.seriesIndex, claim.day, claim.windowDays);
          if (claim.type === "projected-stockout") verdict = ranOut(claim.seriesIndex, claim.day, claim.windowDays);
          const figures = (money[claim.type] ??= { stated: 0, lossThatFollowed: 0 });
          figures.stated += claim.moneyAtRisk;
          figures.lossThatFollowed += lostUnits * margin[claim.seriesIndex]!;
        } else if (claim.type === "projected-stockout") verdict = undefined;
      }
      if (claim.type === "supplier-delay" && claim.purchaseOrderId !== undefined && claim.promisedDay !== undefined) {
        const arrived = world.arrivals.get(claim.purchaseOrderId);
        const lateness = (arrived ?? lastDay + 1) - claim.promisedDay;
        verdict = lateness >= this.options.minDelayDays ? true : arrived === undefined ? undefined : false;
      }
      if (verdict === undefined) continue;
      const settled = outcomes.get(claim.type) ?? [];
      settled.push({ confidence: claim.confidence, hit: verdict });
      outcomes.set(claim.type, settled);
      totals.set(claim.type, (totals.get(claim.type) ?? 0) + 1);
      if (verdict) hits.set(claim.type, (hits.get(claim.type) ?? 0) + 1);
    }
    const precision: Record<string, number | null> = {};
    const checked: Record<string, number> = {};
    const calibration = [
      ...CHECKED_TYPES.flatMap((type) => calibrationTable(jsonType(type), outcomes.get(type) ?? [])),
      ...calibrationTable("all", [...outcomes.values()].flat()),
    ];
    for (const type of CHECKED_TYPES) {
      const total = totals.get(type) ?? 0;
      precision[jsonType(type)] = total > 0 ? (hits.get(type) ?? 0) / total : null;
      checked[jsonType(type)] = total;
    }

    // Recall: stock-out episodes (first day of a run of days with lost sales) on selling series,
    // also counted with only the stock-out claims at or above each trade-off threshold.
    // Below the engine's gate nothing was raised, so those thresholds cannot be read from this run.
    const readable = STOCKOUT_TRADE_OFF_THRESHOLDS.filter((threshold) => threshold >= this.options.minStockoutProbability);
    const thresholds = [0, ...readable];
    let episodes = 0;
    let lostMargin = 0;
    let flaggedLostMargin = 0;
    const flaggedAt = thresholds.map(() => 0);
    const causes = Object.fromEntries(STOCKOUT_EPISODE_CAUSES.map((cause) => [cause, 0])) as Record<StockoutEpisodeCause, number>;
    world.twin.series.forEach((entry, index) => {
      if (!entry.selling) return;
      const flags = this.flaggedDays.get(index) ?? [];
      for (let d = this.leadTimeDays; d < days; d += 1) {
        if (!(this.lost[d * count + index]! > 0) || this.lost[(d - 1) * count + index]! > 0) continue;
        episodes += 1;
        let strongest = -1;
        let late = false;
        for (let k = 0; k < flags.length; k += 3) {
          const raised = flags[k]!;
          const window = flags[k + 1]!;
          if (raised <= d - this.leadTimeDays && d < raised + window) strongest = Math.max(strongest, flags[k + 2]!);
          else if (raised > d - this.leadTimeDays && raised <= d) late = true;
        }
        thresholds.forEach((threshold, position) => {
          if (strongest >= threshold) flaggedAt[position]! += 1;
        });
        causes[strongest >= 0 ? "flagged" : late ? "flagged-too-late" : this.episodeCause(index, d)] += 1;
        // The episode's margin: every lost unit of its run of days with lost sales.
        let episodeEnd = d;
        while (episodeEnd < days && this.lost[episodeEnd * count + index]! > 0) episodeEnd += 1;
        const episodeMargin = lostIn(index, d, episodeEnd - d) * margin[index]!;
        lostMargin += episodeMargin;
        if (strongest >= 0) flaggedLostMargin += episodeMargin;
      }
    });
    const stockoutOutcomes = outcomes.get("projected-stockout") ?? [];
    const stockoutTradeOff = readable.map((threshold, position) => {
      const kept = stockoutOutcomes.filter((outcome) => outcome.confidence >= threshold);
      return {
        threshold,
        claims: kept.length,
        precision: kept.length > 0 ? kept.filter((outcome) => outcome.hit).length / kept.length : null,
        recall: episodes > 0 ? flaggedAt[position + 1]! / episodes : null,
      };
    });
    const stockoutTrueChanceFrontier = this.trueChanceFrontier(ranOut, lostIn, margin);
    const flagged = flaggedAt[0]!;
    const moneyAtRisk: ExceptionQuality["moneyAtRisk"] = {};
    for (const [type, figures] of Object.entries(money)) moneyAtRisk[jsonType(type as ExceptionType)] = figures;
    return {
      precision,
      checked,
      recall: episodes > 0 ? flagged / episodes : null,
      marginWeightedRecall: lostMargin > 0 ? flaggedLostMargin / lostMargin : null,
      stockoutEpisodeLostMargin: lostMargin,
      stockoutEpisodes: episodes,
      stockoutEpisodeCauses: causes,
      stockoutTradeOff,
      stockoutTrueChanceFrontier,
      moneyAtRisk,
      calibration,
    };
  }

  /**
   * Claims on the true chance of an empty shelf (see ExceptionQuality.stockoutTrueChanceFrontier),
   * over the window a store's claim covers, settled and counted by the rules of the engine's claims.
   */
  private trueChanceFrontier(
    ranOut: (seriesIndex: number, from: number, length: number) => boolean,
    lostIn: (seriesIndex: number, from: number, length: number) => number,
    margin: Float64Array,
  ): ExceptionQuality["stockoutTrueChanceFrontier"] {
    const { world } = this;
    const count = world.twin.series.length;
    const days = world.twin.days;
    const window = this.leadTimeDays + 7;
    const rates = new Float64Array(window);
    const netArrivals = new Float64Array(window);
    const claims = TRUE_CHANCE_THRESHOLDS.map(() => 0);
    const hits = TRUE_CHANCE_THRESHOLDS.map(() => 0);
    const flagged = TRUE_CHANCE_THRESHOLDS.map(() => 0);
    const flaggedMargin = TRUE_CHANCE_THRESHOLDS.map(() => 0);
    let episodes = 0;
    let lostMargin = 0;
    const chance = new Float64Array(days);
    world.twin.series.forEach((entry, index) => {
      if (!entry.selling) return;
      for (let day = 0; day < days; day += 1) {
        const length = Math.min(window, days - day);
        for (let offset = 0; offset < length; offset += 1) {
          const cell = (day + offset) * count + index;
          rates[offset] = world.twin.truth.expectedDemand[cell]!;
          netArrivals[offset] = offset === 0 ? 0 : this.shelfAtOpening[cell]! - this.physicalEnd[cell - count]!;
        }
        chance[day] = emptyShelfChance(this.shelfAtOpening[day * count + index]!, netArrivals.subarray(0, length), rates.subarray(0, length));
        if (day + window > days) continue;
        const cameTrue = ranOut(index, day, window);
        TRUE_CHANCE_THRESHOLDS.forEach((threshold, position) => {
          if (chance[day]! < threshold) return;
          claims[position]! += 1;
          if (cameTrue) hits[position]! += 1;
        });
      }
      for (let d = this.leadTimeDays; d < days; d += 1) {
        if (!(this.lost[d * count + index]! > 0) || this.lost[(d - 1) * count + index]! > 0) continue;
        let episodeEnd = d;
        while (episodeEnd < days && this.lost[episodeEnd * count + index]! > 0) episodeEnd += 1;
        const episodeMargin = lostIn(index, d, episodeEnd - d) * margin[index]!;
        episodes += 1;
        lostMargin += episodeMargin;
        // In time: a claim at least a lead time ahead whose window still covers the first day.
        let strongest = 0;
        for (let raised = Math.max(0, d - window + 1); raised <= d - this.leadTimeDays; raised += 1) strongest = Math.max(strongest, chance[raised]!);
        TRUE_CHANCE_THRESHOLDS.forEach((threshold, position) => {
          if (strongest < threshold) return;
          flagged[position]! += 1;
          flaggedMargin[position]! += episodeMargin;
        });
      }
    });
    return TRUE_CHANCE_THRESHOLDS.map((threshold, position) => ({
      threshold,
      claims: claims[position]!,
      precision: claims[position]! > 0 ? hits[position]! / claims[position]! : null,
      recall: episodes > 0 ? flagged[position]! / episodes : null,
      marginWeightedRecall: lostMargin > 0 ? flaggedMargin[position]! / lostMargin : null,
    }));
  }

  /**
   * Why an episode starting on day `d` was not flagged in time, from what the run recorded: the plans
   * that could have flagged it (raised at least one lead time ahead, its window still open), then the
   * morning the last top-up that reached the shelf by `d` was sent, then the day itself.
   */
  private episodeCause(index: number, d: number): Exclude<StockoutEpisodeCause, "flagged" | "flagged-too-late"> {
    const count = this.world.twin.series.length;
    const lead = this.leadTimeDays;
    let seen = 0;
    // The plans whose claim window (lead time + review) would have covered day d, at least a lead time ahead.
    for (let raised = Math.max(0, d - (lead + 7) + 1); raised <= d - lead; raised += 1) seen = Math.max(seen, this.projectedProbability[raised * count + index]!);
    if (seen >= SEEN_BELOW_GATE_PROBABILITY) return "below-gate";
    const during = (cells: Uint8Array, from: number, to: number) => {
      for (let day = Math.max(0, from); day <= to; day += 1) if (cells[day * count + index] === 1) return true;
      return false;
    };
    if (during(this.recordAboveShelf, d - lead, d)) return "record-above-shelf";
    if (during(this.notToppedUp, d - lead - 1, d - lead)) return "dc-could-not-top-up";
    if (during(this.lateReplenishment, d - 1, d)) return "late-replenishment";
    const historyIndex = this.world.twin.startDay + d - this.world.twin.history.firstDay;
    if (this.world.onPromo[index]![historyIndex] === 1) return "promotion";
    return "demand-above-level";
  }
}

/** A recommendation as the queue shows it: the engine's proposal, or an earlier pending one it kept. */
interface ShownRecommendation {
  action: RecommendedAction;
  /** The engine's quantity and benefit when the shown recommendation was proposed (what carry-over compares). */
  proposedQuantity: number;
  expectedBenefit: number;
}

/**
 * Volume, churn and the human queue of the run that follows Stockpilot. An exception's
 * recommendation is followed from day to day: the same action (kind, places, PO) while the engine
 * still proposes it, else its new first-ranked one. Churn is counted twice: on the engine's raw
 * proposals, and on what the queue shows after the plan runs' carry-over rule (a pending
 * recommendation stays as it is unless the new proposal moved materially).
 */
export class FollowedRunLog {
  private previous = new Map<string, { action: RecommendedAction; shown: ShownRecommendation; series: number[] }>();
  private pairs = 0;
  private churned = 0;
  private engineChurned = 0;
  private readonly byType = new Map<string, number>();
  private readonly churnedByType = new Map<string, number>();
  private readonly queueByType = new Map<string, number>();
  private humanQueue = 0;
  private newHumanItems = 0;
  private belowValueBar = 0;
  private previousHumanQueue = new Set<string>();
  private days = 0;

  constructor(private readonly world: TwinWorld) {}

  /** Called with each plan, before the world's material-change flags are cleared. */
  recordPlan(result: PlanResult): void {
    const { world } = this;
    const current = new Map<string, { action: RecommendedAction; shown: ShownRecommendation; series: number[] }>();
    for (const exception of result.exceptions) {
      this.byType.set(exception.type, (this.byType.get(exception.type) ?? 0) + 1);
      const before = this.previous.get(exception.id);
      // Each action is its own recommendation: yesterday's is followed while the engine still proposes it.
      const action = (before && exception.actions.find((candidate) => sameAction(candidate, before.shown.action))) ?? exception.actions[0];
      if (!action) continue;
      const series = exceptionSeries(world, exception);
      const shown = before ? carriedOver(before.shown, action) : { action, proposedQuantity: action.quantity, expectedBenefit: action.expectedBenefit };
      current.set(exception.id, { action, shown, series });
      if (!before) continue;
      this.pairs += 1;
      const material = [...series, ...before.series].some((index) => world.materialChange[index] === 1);
      if (material) continue;
      if (actionChanged(before.action, action)) this.engineChurned += 1;
      if (actionChanged(before.shown.action, shown.action)) {
        this.churned += 1;
        this.churnedByType.set(exception.type, (this.churnedByType.get(exception.type) ?? 0) + 1);
      }
    }
    this.previous = current;
    this.days += 1;
  }

  recordHumanQueue(ids: readonly string[], belowValueBar: number): void {
    this.humanQueue += ids.length;
    this.belowValueBar += belowValueBar;
    // Exception ids start with their type.
    for (const id of ids) {
      const type = id.slice(0, id.indexOf(":"));
      this.queueByType.set(type, (this.queueByType.get(type) ?? 0) + 1);
    }
    for (const id of ids) if (!this.previousHumanQueue.has(id)) this.newHumanItems += 1;
    this.previousHumanQueue = new Set(ids);
  }

  summary(
    planners: number,
  ): Pick<ExceptionQuality, "churn" | "engineChurn" | "churnByType" | "consecutivePairs" | "perPlannerDay" | "newPerPlannerDay" | "belowValueBarPerPlannerDay" | "perDayByType" | "queuePerPlannerDayByType"> {
    const byTypeShare = (counts: Map<string, number>, denominator: number): Record<string, number> =>
      Object.fromEntries([...counts].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([type, total]) => [jsonType(type as ExceptionType), total / Math.max(1, denominator)]));
    return {
      churn: this.pairs > 0 ? this.churned / this.pairs : null,
      engineChurn: this.pairs > 0 ? this.engineChurned / this.pairs : null,
      churnByType: byTypeShare(this.churnedByType, this.pairs),
      queuePerPlannerDayByType: byTypeShare(this.queueByType, this.days * planners),
      consecutivePairs: this.pairs,
      perPlannerDay: this.humanQueue / Math.max(1, this.days * planners),
      newPerPlannerDay: this.newHumanItems / Math.max(1, this.days * planners),
      belowValueBarPerPlannerDay: this.belowValueBar / Math.max(1, this.days * planners),
      perDayByType: byTypeShare(this.byType, this.days),
    };
  }
}

/** The plan runs' carry-over for a pending recommendation: the same action, not moved materially, stays as shown. */
function carriedOver(before: ShownRecommendation, proposal: RecommendedAction): ShownRecommendation {
  const fresh = { action: proposal, proposedQuantity: proposal.quantity, expectedBenefit: proposal.expectedBenefit };
  if (!sameAction(before.action, proposal)) return fresh;
  const pending: PriorRecommendation = {
    id: "shown",
    status: "pending",
    proposedQuantity: before.proposedQuantity,
    quantity: before.action.quantity,
    expectedBenefit: before.expectedBenefit,
    decidedAt: null,
  };
  // A pending item has no commitment window: the date and the window play no part.
  return carryOver(pending, proposal, new Date(0), 0).kind === "keep" ? before : fresh;
}

function sameAction(before: RecommendedAction, after: RecommendedAction): boolean {
  return before.kind === after.kind && before.sourceId === after.sourceId && before.destinationId === after.destinationId && before.purchaseOrderId === after.purchaseOrderId;
}

function actionChanged(before: RecommendedAction, after: RecommendedAction): boolean {
  if (!sameAction(before, after)) return true;
  return Math.abs(after.quantity - before.quantity) > Math.max(1, QUANTITY_TOLERANCE_SHARE * Math.abs(before.quantity));
}

/** The series an exception is about: its own, a group's stores', a PO's destinations, a promotion's nodes. */
function exceptionSeries(world: TwinWorld, exception: PlanException): number[] {
  if (exception.group) return exception.group.members.flatMap((member) => exceptionSeries(world, member));
  if (exception.seriesId !== undefined) {
    const index = world.seriesIndex.get(exception.seriesId);
    return index === undefined ? [] : [index];
  }
  if (exception.purchaseOrderId !== undefined) {
    return world.shipments.filter((shipment) => shipment.id === exception.purchaseOrderId).map((shipment) => shipment.toIndex);
  }
  const sku = exception.sku;
  return exception.actions.flatMap((action) => {
    const index = sku === undefined || action.destinationId === undefined ? undefined : world.indexOf(action.destinationId, sku);
    return index === undefined ? [] : [index];
  });
}

function driver(exception: PlanException, key: string): number | undefined {
  return exception.drivers.find((entry) => entry.key === key)?.value;
}

/** The JSON report's spelling: snake_case of the engine's type. */
export function jsonType(type: ExceptionType): string {
  return type.replace(/-/g, "_");
}
