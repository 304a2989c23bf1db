import { projectionReceipts } from "../plan/to-projected-receipts";
import { expediteReceipts } from "../projection/expedite-receipts";
import { PLAN_CHECK_DAYS, type ProjectedReceipt, projectInventory } from "../projection/project-inventory";
import { buildException } from "./build-exception";
import { namedList } from "./exception-groups";
import { type ActionProposal, codesAsNames, type ExceptionOptions, type PlanException, type SubjectNames } from "./exception-types";
import { makeDriver } from "./make-driver";
import { proposeAction } from "./propose-action";
import { type SeriesContext, unitMargin } from "./series-context";
import { transferPricing } from "./transfer-pricing";

/** A DC's units left today that this plan already offered to other stores with more at stake (shareDcUnitsLeft). */
export interface OfferedFirst {
  units: number;
  /** The stores offered them, most at stake first. */
  locationIds: readonly string[];
}

/** Stores named in a driver before "and N more". */
const NAMED_STORES = 3;

/**
 * Projected stock-out: the median path drops below safety stock within lead time + review period,
 * sales are expected to be lost within it — later losses are the next regular order's job — and
 * the shelf is at least `minStockoutProbability` likely to run empty in that time, counting the
 * routine replenishment the node gets anyway. Money at risk is the expected lost units × margin;
 * the confidence is that probability, which is what the claim says. The noise floor is judged on
 * the loss if the shelf does run empty (money at risk ÷ that chance): the score already weighs it
 * by the confidence, and a floor on the expectation dropped most stock-outs of slow sellers. The
 * floor is whole at the gate and shrinks as the claim grows likely (stockoutNoiseFloorShare).
 *
 * A DC sells little itself: its shortage is raised where it hurts, at the stores it cannot cover
 * (their projections stop counting on it, see allocateDcStock), and at the DC only once its record
 * is empty. Projected DC stock-outs with stock on record came true about one time in four in the
 * simulation, which made them most of the false alarms and of the expedites.
 *
 * An expedite is proposed only when it pays: it saves the lost sales between the day it brings the
 * line in (`expeditedTransitShare` of the transit left) and the line's expected day, measured on the
 * projection with the line moved. At a DC those are the sales its stores (`storesBelow`) lose: each
 * sells what it holds and has on the way, and is topped up again only a lane's lead time after the
 * DC's next receipt. Priced on the stock-out day instead, expedites cost the simulation $12.5 k to
 * save $8.2 k over 90 days (small, seed 1).
 *
 * A store whose level the stores' in-stock budget chose (below its service level) accepts, by that
 * choice, the chance of running empty of a store resting on its positions S … S + case − 1 with its
 * routine top-ups running: the plan priced that risk against the stock it would take. There a
 * planner is asked only when the shelf is outside those states — its position below S, or its DC
 * unable to keep topping it up.
 */
export function detectProjectedStockout(
  context: SeriesContext,
  options: ExceptionOptions,
  storesBelow: readonly SeriesContext[] = [],
  shared: { offeredFirst: OfferedFirst; names: SubjectNames } = { offeredFirst: { units: 0, locationIds: [] }, names: codesAsNames },
): PlanException | undefined {
  const { projection, policy } = context;
  if (context.locationType === "dc" && context.onHand > 0) return undefined;
  const protectionDays = Math.ceil(context.leadTimeDays + context.reviewPeriodDays);
  const breachDay = projection.firstDayBelowSafetyStock;
  const lostUnits = projection.expectedLostUnitsInProtection;
  if (breachDay < 0 || breachDay >= protectionDays || lostUnits <= 0) return undefined;
  const stockoutProbability = projection.stockoutProbabilityInProtection;
  if (stockoutProbability < options.minStockoutProbability) return undefined;
  // The DC allocation is already on its way: ordering must not buy the same units again.
  const inventoryPosition = context.onHand + context.allocatedUnits + context.openLines.reduce((sum, line) => sum + line.quantity, 0);
  if (context.levelUnderBudget && restsWhereItsLevelAccepts(context, inventoryPosition)) return undefined;
  const margin = unitMargin(context);
  const moneyAtRisk = lostUnits * margin;
  const stockoutDay = projection.firstDayBelowZero >= 0 ? projection.firstDayBelowZero : projection.firstDayBelowZeroPessimistic;
  const daysUntilImpact = stockoutDay >= 0 ? stockoutDay : breachDay;

  const actions: ActionProposal[] = [];
  for (const transfer of context.transfersIn) {
    actions.push(
      proposeAction("transfer-in", transfer.units, transferPricing(transfer, context.unitCost), {
        sourceId: transfer.from,
        destinationId: context.locationId,
      }),
    );
  }
  const impactDay = context.asOf + 1 + daysUntilImpact;
  // Several lines of one PO for this series are one expedite of their total.
  const lateByOrder = new Map<string, { purchaseOrderId: string; quantity: number; expectedDay: number }>();
  for (const line of context.openLines) {
    if (line.expectedDay <= impactDay) continue;
    const order = lateByOrder.get(line.purchaseOrderId);
    if (order) {
      order.quantity += line.quantity;
      order.expectedDay = Math.min(order.expectedDay, line.expectedDay);
    } else lateByOrder.set(line.purchaseOrderId, { purchaseOrderId: line.purchaseOrderId, quantity: line.quantity, expectedDay: line.expectedDay });
  }
  if (lateByOrder.size > 0 && margin > 0) {
    const receipts = projectionReceipts(context);
    const lostMarginWith = context.locationType === "dc" && storesBelow.length > 0 ? storesLostMargin(storesBelow) : ownLostMargin(context, protectionDays);
    const lostAsExpected = lostMarginWith(receipts);
    for (const line of lateByOrder.values()) {
      const expedited = expediteReceipts(receipts, line.purchaseOrderId, options.expeditedTransitShare);
      if (!expedited) continue;
      const savedMargin = Math.max(0, lostAsExpected - lostMarginWith(expedited));
      const expedite = proposeAction(
        "expedite-po",
        line.quantity,
        {
          model: "capped-cover",
          unitActionCost: context.unitCost * options.expediteCostShare,
          unitBenefit: margin,
          coverableUnits: savedMargin / margin,
          benefitCap: savedMargin,
          unitGovernanceValue: context.unitCost,
        },
        { purchaseOrderId: line.purchaseOrderId, destinationId: context.locationId },
      );
      if (expedite.expectedBenefit > expedite.cost) actions.push(expedite);
    }
  }
  const neededUnits = Math.ceil(Math.max(0, policy.orderUpToLevel - inventoryPosition) / context.casePack) * context.casePack;
  // A store's order is filled from its DC: no more than the DC holds after today's shipments (its
  // last units, when less than the store's cases), less what this plan offered its other stores with
  // more at stake. A DC with nothing left for it can send nothing: the store waits for the DC's next
  // receipt, named in the drivers, or takes a neighbour's transfer.
  const dc = context.sourceDc;
  const { offeredFirst, names } = shared;
  const orderUnits = dc ? Math.min(neededUnits, Math.max(0, dc.unitsLeft - offeredFirst.units)) : neededUnits;
  const dcCannotSend = dc !== undefined && orderUnits < neededUnits;
  if (orderUnits > 0) {
    // An order placed now arrives after the lead time: it can only save what is lost after that.
    const avoidableLostUnits = Math.max(0, lostUnits - projection.expectedLostUnitsInRiskWindow);
    actions.push(
      proposeAction(
        "raise-order",
        orderUnits,
        { model: "capped-cover", unitActionCost: 0, unitBenefit: margin, coverableUnits: avoidableLostUnits, unitGovernanceValue: context.unitCost },
        { destinationId: context.locationId },
        // The order fills the gap up to the order-up-to level: a change is material against that level.
        policy.orderUpToLevel,
      ),
    );
  }

  return buildException(
    {
      type: "projected-stockout",
      subject: { seriesId: context.seriesId, locationId: context.locationId, sku: context.sku },
      moneyAtRisk,
      // Lost margin when the shelf does run empty: a likely small loss and an unlikely large one are both worth a look.
      moneyIfItHappens: moneyAtRisk / stockoutProbability,
      noiseFloorShare: stockoutNoiseFloorShare(stockoutProbability, options),
      daysUntilImpact,
      confidence: stockoutProbability,
      drivers: [
        makeDriver("on-hand", "on hand", context.onHand, "units"),
        makeDriver("on-order", "on order from suppliers", inventoryPosition - context.onHand - context.allocatedUnits, "units"),
        ...(context.allocatedUnits > 0 ? [makeDriver("allocated", "allocated from the DC in this plan", context.allocatedUnits, "units")] : []),
        makeDriver("protection-demand", "forecast demand over lead time and review", policy.protectionDemand.mean, "units"),
        makeDriver("safety-stock", "safety stock", policy.safetyStock, "units"),
        // A shelf that opens below its safety stock does not "fall below it in 1 day": say by how much it is short.
        context.onHand < policy.safetyStock
          ? makeDriver("short-of-safety-stock", "already below safety stock by", policy.safetyStock - context.onHand, "units")
          : makeDriver("days-to-breach", "falls below safety stock in", breachDay + 1, "days"),
        makeDriver("lead-time", "replenishment lead time", context.leadTimeDays, "days"),
        makeDriver("stockout-probability", "stock-out probability before a replenishment can arrive", projection.stockoutProbability, "probability"),
        makeDriver("stockout-probability-protection", "chance the shelf runs empty within lead time and review", stockoutProbability, "probability"),
        makeDriver("protection-days", "lead time and review", protectionDays, "days"),
        makeDriver("expected-lost-units", "expected lost sales within lead time and review", lostUnits, "units"),
        makeDriver("lost-margin", "lost margin", moneyAtRisk, "money"),
        ...(dcCannotSend
          ? [
              makeDriver("dc-units-left", `${names.location(dc.dcId)} can still send today`, dc.unitsLeft, "units"),
              ...(offeredFirst.units > 0
                ? [
                    makeDriver(
                      "dc-units-offered-first",
                      `of them offered first to ${namedList(offeredFirst.locationIds.map(names.location), NAMED_STORES)}, more at stake there`,
                      offeredFirst.units,
                      "count",
                    ),
                  ]
                : []),
              ...(Number.isFinite(dc.nextReceiptOffset)
                ? [makeDriver("dc-next-receipt", `${names.location(dc.dcId)}'s next stock lands in`, dc.nextReceiptOffset + 1, "days")]
                : []),
            ]
          : []),
      ],
      actions,
    },
    options,
  );
}

/**
 * The noise floor keeps claims that are both small and doubtful from a person's attention. Its
 * doubt is the chance the claim is false, so it is whole at the gate and shrinks with that chance:
 * (1 − chance) ÷ (1 − gate), the chance as the claim states it (at most `maxInferredConfidence`, so a
 * sure claim still meets a twentieth of its part of the floor). A likely stock-out of a slow seller is
 * raised though it loses a few dollars: with the whole floor such claims, true 9 times in 10 at a
 * chance of 0.7 or more, were dropped (small s1 and s2, README eleventh pass).
 */
function stockoutNoiseFloorShare(stockoutProbability: number, options: ExceptionOptions): number {
  const stated = Math.min(stockoutProbability, options.maxInferredConfidence);
  return options.minStockoutProbability < 1 ? Math.min(1, (1 - stated) / (1 - options.minStockoutProbability)) : 1;
}

/** Lost margin over the protection period on the series' own projection with the given receipts. */
function ownLostMargin(context: SeriesContext, protectionDays: number): (receipts: ProjectedReceipt[]) => number {
  return (receipts) =>
    unitMargin(context) *
    projectInventory(
      {
        onHand: context.onHand,
        forecast: context.forecast,
        receipts,
        safetyStock: context.policy.safetyStock,
        ...(context.replenishment ? { replenishment: context.replenishment } : {}),
      },
      { riskWindowDays: Math.max(1, Math.ceil(context.leadTimeDays)), protectionDays },
    ).expectedLostUnitsInProtection;
}

/**
 * Lost margin at an empty DC's stores until it can top them up: each store sells its own stock and
 * receipts, and loses sales until a lane's lead time after the DC's first receipt of the given ones.
 */
function storesLostMargin(stores: readonly SeriesContext[]): (dcReceipts: ProjectedReceipt[]) => number {
  return (dcReceipts) => {
    const firstReceipt = Math.min(...dcReceipts.filter((receipt) => receipt.quantity > 0).map((receipt) => receipt.dayOffset));
    return stores.reduce((sum, store) => {
      const toppedUpFrom = firstReceipt + 1 + Math.ceil(store.leadTimeDays);
      const lost = projectInventory(
        { onHand: Math.max(0, store.onHand), forecast: store.forecast, receipts: projectionReceipts(store), safetyStock: store.policy.safetyStock },
        { riskWindowDays: Math.max(1, Math.min(store.forecast.mean.length, toppedUpFrom)) },
      ).expectedLostUnitsInRiskWindow;
      return sum + lost * unitMargin(store);
    }, 0);
  };
}

/**
 * A store resting where its level put it: its position (on hand, shipments on the way, today's
 * allocation) at or above S, and the DC's routine top-ups counted on from tomorrow's plan, as the
 * level assumes. Its chance of an empty shelf is then the one the level was chosen with.
 */
function restsWhereItsLevelAccepts(context: SeriesContext, inventoryPosition: number): boolean {
  const replenishment = context.replenishment;
  return replenishment !== undefined && replenishment.firstCheckOffset <= PLAN_CHECK_DAYS && inventoryPosition >= context.policy.orderUpToLevel;
}

/**
 * A DC's units left after today's allocation, offered once across its stores' orders of a SKU
 * (`stockouts` parallel to `contexts`). Each store's order is capped at the DC's units left, so two
 * stores served by one DC could each be offered all of them, and the second approval would be a
 * promise the DC cannot keep. The units go to the stores with most money at stake first (then by
 * store id, so a rerun offers the same), each up to its own order; a store offered less than it
 * asked is detected again with what went before it, so its order, its price and its drivers say
 * what it can still get. One sort per DC × SKU with more than one order: no pass across stores.
 */
export function shareDcUnitsLeft(
  contexts: readonly SeriesContext[],
  stockouts: readonly (PlanException | undefined)[],
  options: ExceptionOptions,
  names: SubjectNames,
): (PlanException | undefined)[] {
  const shared = [...stockouts];
  const orderOf = (exception: PlanException | undefined) => exception?.actions.find((action) => action.kind === "raise-order");
  const ordersByDcSku = new Map<string, number[]>();
  contexts.forEach((context, index) => {
    if (!context.sourceDc || !orderOf(stockouts[index])) return;
    const key = `${context.sourceDc.dcId}|${context.sku}`;
    const orders = ordersByDcSku.get(key);
    if (orders) orders.push(index);
    else ordersByDcSku.set(key, [index]);
  });
  for (const orders of ordersByDcSku.values()) {
    if (orders.length < 2) continue;
    const orderFirst = (index: number) => (stockouts[index]!.actions[0]?.kind === "raise-order" ? 0 : 1);
    orders.sort(
      (a, b) =>
        orderFirst(a) - orderFirst(b) ||
        stockouts[b]!.score.moneyAtRisk - stockouts[a]!.score.moneyAtRisk || (contexts[a]!.locationId < contexts[b]!.locationId ? -1 : 1),
    );
    let unitsLeft = contexts[orders[0]!]!.sourceDc!.unitsLeft;
    let offeredUnits = 0;
    // Grows as stores are offered units; a detection reads it at once (into its drivers' text).
    const offeredTo: string[] = [];
    for (const index of orders) {
      const asked = orderOf(stockouts[index])!.quantity;
      if (asked > unitsLeft) {
        shared[index] = detectProjectedStockout(contexts[index]!, options, [], { offeredFirst: { units: offeredUnits, locationIds: offeredTo }, names });
      }
      const offered = Math.min(asked, unitsLeft);
      if (offered <= 0) continue;
      unitsLeft -= offered;
      offeredUnits += offered;
      offeredTo.push(contexts[index]!.locationId);
    }
  }
  return shared;
}
