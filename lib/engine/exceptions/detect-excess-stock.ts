import { buildException } from "./build-exception";
import type { ActionProposal, ExceptionOptions, PlanException } from "./exception-types";
import { makeDriver } from "./make-driver";
import { proposeAction } from "./propose-action";
import { forecastConfidence, forecastUnits, type SeriesContext } from "./series-context";
import { transferPricing } from "./transfer-pricing";

/**
 * Excess: inventory position covers more weeks than policy allows. Money at risk is the excess at
 * cost × carrying rate (holding and markdown risk).
 */
export function detectExcessStock(context: SeriesContext, options: ExceptionOptions): PlanException | undefined {
  const horizon = context.forecast.mean.length;
  if (horizon === 0) return undefined;
  const weeklyDemand = (forecastUnits(context.forecast, 0, horizon) / horizon) * 7;
  const onOrder = context.openLines.reduce((sum, line) => sum + line.quantity, 0);
  const position = context.onHand + onOrder;
  const allowed = Math.max(context.policy.orderUpToLevel, weeklyDemand * options.maxWeeksOfCover);
  const excessUnits = position - allowed;
  if (excessUnits <= 0) return undefined;
  const weeksOfCover = weeklyDemand > 0 ? position / weeklyDemand : Number.POSITIVE_INFINITY;
  const moneyAtRisk = excessUnits * context.unitCost * options.excessCarryingRate;

  const actions: ActionProposal[] = context.transfersOut.map((transfer) =>
    proposeAction("transfer-out", transfer.units, transferPricing(transfer, context.unitCost), {
      sourceId: context.locationId,
      destinationId: transfer.to,
    }),
  );
  const unitCarryingCost = context.unitCost * options.excessCarryingRate;
  let remainingToCut = excessUnits;
  for (const line of [...context.openLines].sort((a, b) => b.expectedDay - a.expectedDay)) {
    if (remainingToCut <= 0) break;
    const cut = Math.min(line.quantity, Math.floor(remainingToCut / context.casePack) * context.casePack);
    if (cut <= 0) break;
    actions.push(
      proposeAction(
        cut === line.quantity ? "cancel-po" : "cut-po",
        cut,
        // Cutting past the excess this line can still remove saves no carrying cost.
        { model: "capped-cover", unitActionCost: 0, unitBenefit: unitCarryingCost, coverableUnits: remainingToCut, unitGovernanceValue: context.unitCost },
        { purchaseOrderId: line.purchaseOrderId, destinationId: context.locationId },
      ),
    );
    remainingToCut -= cut;
  }
  const markdownUnits = Math.floor(Math.min(context.onHand, excessUnits));
  if (markdownUnits > 0) {
    const unitMarkdown = context.unitPrice * options.markdownDepth;
    actions.push(
      proposeAction(
        "markdown",
        markdownUnits,
        { model: "capped-cover", unitActionCost: unitMarkdown, unitBenefit: unitCarryingCost, coverableUnits: excessUnits, unitGovernanceValue: unitMarkdown },
        { sourceId: context.locationId },
      ),
    );
  }

  return buildException(
    {
      type: "excess-stock",
      subject: { seriesId: context.seriesId, locationId: context.locationId, sku: context.sku },
      moneyAtRisk,
      // Excess costs money slowly; the first receipt that adds to it is when it gets worse.
      daysUntilImpact: Math.min(28, ...context.openLines.map((line) => line.expectedDay - context.asOf)),
      confidence: forecastConfidence(context.forecast),
      drivers: [
        makeDriver("inventory-position", "on hand plus on order", position, "units"),
        makeDriver("weekly-demand", "forecast weekly demand", weeklyDemand, "units"),
        makeDriver("weeks-of-cover", "weeks of cover", Number.isFinite(weeksOfCover) ? weeksOfCover : 999, "weeks"),
        makeDriver("max-weeks-of-cover", "policy maximum", options.maxWeeksOfCover, "weeks"),
        makeDriver("excess-units", "excess", excessUnits, "units"),
        makeDriver("carrying-cost", "holding and markdown exposure", moneyAtRisk, "money"),
      ],
      actions,
    },
    options,
  );
}
