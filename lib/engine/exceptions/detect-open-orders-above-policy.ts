import { isStockSuspect } from "./assess-stock-record";
import { buildException } from "./build-exception";
import { cutOpenLines } from "./cut-open-lines";
import type { ActionProposal, ExceptionOptions, PlanException } from "./exception-types";
import { makeDriver } from "./make-driver";
import { proposeAction } from "./propose-action";
import { forecastConfidence, forecastUnits, type SeriesContext } from "./series-context";

/**
 * Supplier orders still open above the policy: a node that orders from its supplier, whose inventory
 * position — on hand, on order and, at a DC, what its stores hold above their own order-up-to levels
 * that they will sell instead of drawing on the DC — passes its order-up-to level S by more than a
 * case. The policy would never have ordered those units (it orders up to S, in whole cases), so the
 * lines the supplier can still change — expected at least `poChangeNoticeDays` out — are cut, latest
 * first, in whole cases, down to S. Money at risk: carrying the excess until demand has worked it
 * off (unit k above S waits k / daily demand days, half the excess's cover on average); the policy
 * reorders as usual once the position reaches its reorder point again.
 *
 * Complements detectExcessStock, which judges stock against weeks of cover: run only where that
 * raised nothing, so a series has one excess question.
 */
export function detectOpenOrdersAbovePolicy(
  context: SeriesContext,
  options: ExceptionOptions,
  /** At a DC: units its stores hold above their order-up-to levels, each store's at most its own demand over the DC's cover. */
  storeSurplus = 0,
): PlanException | undefined {
  if (isStockSuspect(context.stockRecord) || context.policy.status !== "ok") return undefined;
  const changeable = context.openLines.filter((line) => line.expectedDay - context.asOf >= options.poChangeNoticeDays);
  if (changeable.length === 0) return undefined;
  const onOrder = context.openLines.reduce((sum, line) => sum + line.quantity, 0);
  const position = Math.max(0, context.onHand) + onOrder + storeSurplus;
  const allowed = context.policy.orderUpToLevel + context.casePack - 1;
  const excessUnits = position - allowed;
  if (excessUnits < context.casePack) return undefined;

  const horizon = context.forecast.mean.length;
  const dailyDemand = horizon > 0 ? forecastUnits(context.forecast, 0, horizon) / horizon : 0;
  const coverDays = dailyDemand > 0 ? Math.min(options.seasonDays, excessUnits / dailyDemand) : options.seasonDays;
  const unitCarrying = context.unitCost * options.excessCarryingRate * (coverDays / 2 / 365);
  const moneyAtRisk = excessUnits * unitCarrying;

  const actions: ActionProposal[] = cutOpenLines(changeable, excessUnits, context.casePack).map(({ line, units }) =>
    proposeAction(
      units === line.quantity ? "cancel-po" : "cut-po",
      units,
      { model: "capped-cover", unitActionCost: 0, unitBenefit: unitCarrying, coverableUnits: excessUnits, unitGovernanceValue: context.unitCost },
      { purchaseOrderId: line.purchaseOrderId, destinationId: context.locationId },
      // The line is what the supplier is asked to change: the cut moves with each day's forecast within it.
      line.quantity,
    ),
  );
  if (actions.length === 0) return undefined;

  return buildException(
    {
      type: "excess-stock",
      subject: { seriesId: context.seriesId, locationId: context.locationId, sku: context.sku },
      moneyAtRisk,
      daysUntilImpact: Math.min(...changeable.map((line) => line.expectedDay - context.asOf)),
      confidence: forecastConfidence(context.forecast, context.backtestDays),
      drivers: [
        makeDriver("inventory-position", "on hand plus on order", Math.max(0, context.onHand) + onOrder, "units"),
        ...(storeSurplus > 0 ? [makeDriver("store-surplus", "held by its stores above their levels", storeSurplus, "units")] : []),
        makeDriver("order-up-to", "order-up-to level", context.policy.orderUpToLevel, "units"),
        makeDriver("excess-units", "on order above the policy", excessUnits, "units"),
        makeDriver("changeable-on-order", `on order at least ${options.poChangeNoticeDays} days out`, changeable.reduce((sum, line) => sum + line.quantity, 0), "units"),
        makeDriver("carrying-cost", "cost of carrying it until demand needs it", moneyAtRisk, "money"),
      ],
      actions,
    },
    options,
  );
}
