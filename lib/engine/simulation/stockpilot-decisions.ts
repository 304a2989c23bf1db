import type { PlanException, RecommendedAction } from "../exceptions/exception-types";
import type { DayNumber, SeriesForecast } from "../types";
import type { TwinWorld } from "./twin-world";

export type ApprovalTierName = "auto" | "planner" | "manager" | "finance";

/**
 * The product's governance as the simulation needs it, injected so the engine stays free of the
 * server: the script passes the default approval policy's routing and the plan runs' rule for
 * when a decided exception is asked again.
 */
export interface SimulationGovernance {
  routeAction(action: RecommendedAction, exception: PlanException): ApprovalTierName;
  /** True when an action that needs a person nets too little to ask one (the policy's value bar). */
  belowValueBar(action: RecommendedAction): boolean;
  /** True when a decided exception is back without a material change: the decision stands and nobody is asked again. */
  decisionStands(decided: PlanException, current: PlanException): boolean;
}

export interface ForecastOverride {
  firstDay: DayNumber;
  lastDay: DayNumber;
  /** Multiplies the statistical forecast on those days. */
  factor: number;
}

export interface DayDecisions {
  auto: { exception: PlanException; action: RecommendedAction }[];
  human: { exception: PlanException; action: RecommendedAction }[];
  /** Exceptions whose recommendation needed a person today (decided or not). */
  humanQueue: number;
  /** Their ids, to tell the day's new items from those still waiting since an earlier day. */
  humanQueueIds: string[];
  /** Exceptions whose action would need a person but nets less than the value bar: nobody is asked, nothing is done. */
  belowValueBar: number;
}

/**
 * Following Stockpilot for a day: every recommendation the policy auto-approves, plus the
 * highest-ranked ones that need a person, as many as the planners can decide, approved as
 * proposed. The recommendation is an exception's first-ranked action; an exception decided earlier
 * and still open is not asked again until its situation changes materially (as in plan runs). An
 * action that would need a person but nets less than the policy's value bar is shown below the bar
 * and left undone, as the queue does; it is asked once its value passes the bar. `monitored` are the
 * exceptions the plan still found but did not raise (forecast drift below the bar, kept in the run's
 * drift record): a decision on one stands, as a resolved exception stays resolved in plan runs.
 */
export function chooseDecisions(
  exceptions: readonly PlanException[],
  governance: SimulationGovernance,
  humanCapacity: number,
  decided: Map<string, PlanException>,
  monitored: ReadonlySet<string> = new Set(),
): DayDecisions {
  const result: DayDecisions = { auto: [], human: [], humanQueue: 0, humanQueueIds: [], belowValueBar: 0 };
  // An exception whose condition cleared is closed; when it comes back it is a new question.
  const present = new Set([...exceptions.map((exception) => exception.id), ...monitored]);
  for (const id of [...decided.keys()]) if (!present.has(id)) decided.delete(id);
  for (const exception of exceptions) {
    const action = exception.actions[0];
    if (!action) continue;
    const previous = decided.get(exception.id);
    if (previous && governance.decisionStands(previous, exception)) continue;
    if (governance.routeAction(action, exception) === "auto") {
      result.auto.push({ exception, action });
      decided.set(exception.id, exception);
      continue;
    }
    if (governance.belowValueBar(action)) {
      result.belowValueBar += 1;
      continue;
    }
    result.humanQueue += 1;
    result.humanQueueIds.push(exception.id);
    if (result.human.length >= humanCapacity) continue;
    result.human.push({ exception, action });
    decided.set(exception.id, exception);
  }
  return result;
}

/** Carries out an approved action in the world; forecast changes land in `overrides` for the next plans. */
export function carryOutAction(
  world: TwinWorld,
  exception: PlanException,
  action: RecommendedAction,
  today: DayNumber,
  forecasts: ReadonlyMap<string, SeriesForecast>,
  overrides: Map<string, ForecastOverride>,
): void {
  const sku = exception.sku ?? world.twin.series[world.seriesIndex.get(exception.seriesId ?? "") ?? -1]?.sku;
  const at = (locationId: string | undefined, lineSku = sku) => (locationId === undefined || lineSku === undefined ? undefined : world.indexOf(locationId, lineSku));
  switch (action.kind) {
    case "transfer-in":
    case "transfer-out": {
      const from = at(action.sourceId);
      const to = at(action.destinationId);
      if (from !== undefined && to !== undefined) world.ship(from, to, action.quantity, today, "transfer");
      return;
    }
    case "expedite-po":
      if (action.purchaseOrderId) world.expedite(action.purchaseOrderId, exception.type === "supplier-delay" ? undefined : at(action.destinationId), today);
      return;
    case "cut-po":
    case "cancel-po":
      // A supplier's cut across SKUs and POs cuts each line on its own PO.
      for (const line of action.lines ?? [{ locationId: action.destinationId, sku, purchaseOrderId: action.purchaseOrderId, quantity: action.quantity }]) {
        const purchaseOrderId = line.purchaseOrderId ?? action.purchaseOrderId;
        if (purchaseOrderId) world.cut(purchaseOrderId, at(line.locationId, line.sku ?? sku), line.quantity);
      }
      return;
    case "raise-order": {
      // A cluster's order is one order per store.
      for (const line of action.lines ?? [{ locationId: action.destinationId, quantity: action.quantity }]) {
        const index = at(line.locationId);
        if (index === undefined) continue;
        const dcIndex = world.sourceIndex[index]!;
        if (dcIndex >= 0) {
          world.ship(dcIndex, index, line.quantity, today, "replenishment");
          world.materialChange[index] = 1;
        } else {
          world.orderFromSupplier(index, line.quantity, today, `RO-${today}-${line.locationId}`);
        }
      }
      return;
    }
    case "markdown": {
      for (const line of action.lines ?? [{ locationId: action.sourceId, quantity: action.quantity }]) {
        const index = at(line.locationId);
        if (index !== undefined) world.markdown(index, line.quantity);
      }
      return;
    }
    case "cycle-count": {
      const index = at(action.sourceId);
      if (index !== undefined) world.count(index, today);
      return;
    }
    case "adjust-forecast": {
      const seriesId = exception.seriesId;
      const forecast = seriesId === undefined ? undefined : forecasts.get(seriesId);
      const index = seriesId === undefined ? undefined : world.seriesIndex.get(seriesId);
      if (!forecast || index === undefined || !seriesId) return;
      // The quantity is a change in units per day (actionQuantityUnit) over the days the action was
      // priced on (a deviation's lead time + review); a change stated over the whole forecast (drift) lasts its horizon.
      const pricedDays = action.pricing.model === "capped-cover" ? action.pricing.quantityDays : undefined;
      const days = Math.max(1, Math.min(forecast.mean.length, Math.ceil(pricedDays ?? forecast.mean.length)));
      // Today's forecast already carries an earlier override on its days: the new one replaces it, so
      // its factor is taken against the statistical forecast, not stacked on the earlier change.
      const previous = overrides.get(seriesId);
      let adjusted = 0;
      let statistical = 0;
      for (let day = 0; day < days; day += 1) {
        const mean = forecast.mean[day]!;
        const date = forecast.firstDay + day;
        const earlier = previous && previous.factor > 0 && date >= previous.firstDay && date <= previous.lastDay ? previous.factor : 1;
        adjusted += mean;
        statistical += mean / earlier;
      }
      if (statistical <= 0) return;
      overrides.set(seriesId, { firstDay: today, lastDay: today + days - 1, factor: Math.max(0, (adjusted + action.quantity * days) / statistical) });
      world.materialChange[index] = 1;
      return;
    }
    case "review-model":
      return;
  }
}
