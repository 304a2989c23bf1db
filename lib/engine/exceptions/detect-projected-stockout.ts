import { buildException } from "./build-exception";
import type { ActionProposal, ExceptionOptions, PlanException } from "./exception-types";
import { makeDriver } from "./make-driver";
import { forecastConfidence, forecastUnits, type SeriesContext, unitMargin } from "./series-context";

/**
 * Projected stock-out: the median path drops below safety stock within lead time + review period
 * and lost sales are expected. Money at risk is expected lost units × margin.
 */
export function detectProjectedStockout(context: SeriesContext, options: ExceptionOptions): PlanException | undefined {
  const { projection, policy, forecast } = context;
  const protectionDays = Math.ceil(context.leadTimeDays + context.reviewPeriodDays);
  const breachDay = projection.firstDayBelowSafetyStock;
  if (breachDay < 0 || breachDay >= protectionDays || projection.expectedLostUnits <= 0) return undefined;
  const margin = unitMargin(context);
  const moneyAtRisk = projection.expectedLostUnits * margin;
  const stockoutDay = projection.firstDayBelowZero >= 0 ? projection.firstDayBelowZero : projection.firstDayBelowZeroPessimistic;
  const daysUntilImpact = stockoutDay >= 0 ? stockoutDay : breachDay;
  const inventoryPosition = context.onHand + context.openLines.reduce((sum, line) => sum + line.quantity, 0);

  const actions: ActionProposal[] = [];
  for (const transfer of context.transfersIn) {
    actions.push({
      kind: "transfer-in",
      quantity: transfer.units,
      sourceId: transfer.from,
      destinationId: context.locationId,
      cost: transfer.transferCost,
      expectedBenefit: transfer.standaloneGain + transfer.transferCost,
      governanceValue: Math.max(transfer.transferCost, transfer.units * context.unitCost),
    });
  }
  const impactDay = context.asOf + 1 + daysUntilImpact;
  for (const line of context.openLines) {
    if (line.expectedDay <= impactDay) continue;
    // Units the line would sell if it arrived on the stock-out day instead of its expected day.
    const coveredUnits = Math.min(line.quantity, forecastUnits(forecast, daysUntilImpact, line.expectedDay - context.asOf - 1));
    actions.push({
      kind: "expedite-po",
      quantity: line.quantity,
      purchaseOrderId: line.purchaseOrderId,
      destinationId: context.locationId,
      cost: line.quantity * context.unitCost * options.expediteCostShare,
      expectedBenefit: Math.min(moneyAtRisk, coveredUnits * margin),
      governanceValue: line.quantity * context.unitCost,
    });
  }
  const orderUnits = Math.ceil(Math.max(0, policy.orderUpToLevel - inventoryPosition) / context.casePack) * context.casePack;
  if (orderUnits > 0) {
    const avoidableLostUnits = Math.max(0, projection.expectedLostUnits - projection.expectedLostUnitsInRiskWindow);
    actions.push({
      kind: "raise-order",
      quantity: orderUnits,
      destinationId: context.locationId,
      cost: 0,
      expectedBenefit: Math.min(orderUnits, avoidableLostUnits) * margin,
      governanceValue: orderUnits * context.unitCost,
    });
  }

  return buildException(
    {
      type: "projected-stockout",
      subject: { seriesId: context.seriesId, locationId: context.locationId, sku: context.sku },
      moneyAtRisk,
      daysUntilImpact,
      confidence: forecastConfidence(forecast),
      drivers: [
        makeDriver("on-hand", "on hand", context.onHand, "units"),
        makeDriver("on-order", "on order", inventoryPosition - context.onHand, "units"),
        makeDriver("protection-demand", "forecast demand over lead time and review", policy.protectionDemand.mean, "units"),
        makeDriver("safety-stock", "safety stock", policy.safetyStock, "units"),
        makeDriver("days-to-breach", "falls below safety stock in", breachDay + 1, "days"),
        makeDriver("stockout-probability", "stock-out probability within lead time", projection.stockoutProbability, "probability"),
        makeDriver("expected-lost-units", "expected lost sales", projection.expectedLostUnits, "units"),
        makeDriver("lost-margin", "lost margin", moneyAtRisk, "money"),
      ],
      actions,
    },
    options,
  );
}
