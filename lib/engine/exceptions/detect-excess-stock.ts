import { dailyDemandVariance, demandQuantile, fitDemandDistribution } from "../policy/demand-distribution";
import { isStockSuspect } from "./assess-stock-record";
import { buildException } from "./build-exception";
import { cutOpenLines } from "./cut-open-lines";
import type { ActionProposal, ExceptionOptions, PlanException } from "./exception-types";
import { makeDriver } from "./make-driver";
import { proposeAction } from "./propose-action";
import { forecastConfidence, forecastUnits, type SeriesContext } from "./series-context";
import { transferPricing } from "./transfer-pricing";

/**
 * Excess: inventory position covers more weeks than policy allows. Money at risk is what holding
 * the excess to the end of the season costs: the units that will not sell by then are cleared at
 * `seasonEndSalvageShare` of cost, and every excess unit is carried for half the season on average.
 * Stock that probably is not there (phantom, negative) is an inventory-inaccuracy question instead.
 * Raised only with an action to take.
 */
export function detectExcessStock(context: SeriesContext, options: ExceptionOptions): PlanException | undefined {
  if (isStockSuspect(context.stockRecord)) return undefined;
  const horizon = context.forecast.mean.length;
  if (horizon === 0) return undefined;
  const dailyDemand = forecastUnits(context.forecast, 0, horizon) / horizon;
  const weeklyDemand = dailyDemand * 7;
  const onOrder = context.openLines.reduce((sum, line) => sum + line.quantity, 0);
  const position = context.onHand + onOrder;
  // A replenished shelf can sit a case above its order-up-to level; that is the policy, not excess.
  const allowed = Math.max(context.policy.orderUpToLevel + context.casePack - 1, weeklyDemand * options.maxWeeksOfCover);
  const excessUnits = position - allowed;
  if (excessUnits <= 0) return undefined;
  const weeksOfCover = weeklyDemand > 0 ? position / weeklyDemand : Number.POSITIVE_INFINITY;
  // The excess sells last: only what the season's demand leaves after the allowed stock reaches it.
  const excessSoldInSeason = Math.min(excessUnits, Math.max(0, dailyDemand * options.seasonDays - allowed));
  const leftoverUnits = excessUnits - excessSoldInSeason;
  const unitSalvageLoss = context.unitCost * (1 - options.seasonEndSalvageShare);
  const unitHoldingToSeasonEnd = context.unitCost * options.excessCarryingRate * (options.seasonDays / 2 / 365);
  const moneyAtRisk = leftoverUnits * unitSalvageLoss + excessUnits * unitHoldingToSeasonEnd;

  const actions: ActionProposal[] = context.transfersOut.map((transfer) =>
    proposeAction("transfer-out", transfer.units, transferPricing(transfer, context.unitCost), {
      sourceId: context.locationId,
      destinationId: transfer.to,
    }),
  );
  for (const { line, units, excessBefore } of cutOpenLines(context.openLines, excessUnits, context.casePack)) {
    actions.push(
      proposeAction(
        units === line.quantity ? "cancel-po" : "cut-po",
        units,
        // A unit not bought saves what holding it to the season end would cost; past the excess, nothing.
        {
          model: "capped-cover",
          unitActionCost: 0,
          unitBenefit: moneyAtRisk / excessUnits,
          coverableUnits: excessBefore,
          unitGovernanceValue: context.unitCost,
        },
        { purchaseOrderId: line.purchaseOrderId, destinationId: context.locationId },
        excessUnits,
      ),
    );
  }
  const markdown = markdownProposal(context, options, { dailyDemand, position, allowed, excessUnits, unitHoldingToSeasonEnd });
  if (markdown) actions.push(markdown);
  // Nothing to move, no line left to cut and no markdown that beats holding: the stock sells down on its
  // own and nobody has anything to decide (on today's demo, 8 such items at confidence 0.23–0.5).
  if (actions.length === 0) return undefined;

  return buildException(
    {
      type: "excess-stock",
      subject: { seriesId: context.seriesId, locationId: context.locationId, sku: context.sku },
      moneyAtRisk,
      // Excess costs money slowly; the first receipt that adds to it is when it gets worse.
      daysUntilImpact: Math.min(28, ...context.openLines.map((line) => line.expectedDay - context.asOf)),
      confidence: forecastConfidence(context.forecast, context.backtestDays),
      drivers: [
        makeDriver("inventory-position", "on hand plus on order", position, "units"),
        makeDriver("weekly-demand", "forecast weekly demand", weeklyDemand, "units"),
        makeDriver("weeks-of-cover", "weeks of cover", Number.isFinite(weeksOfCover) ? weeksOfCover : 999, "weeks"),
        makeDriver("max-weeks-of-cover", "policy maximum", options.maxWeeksOfCover, "weeks"),
        makeDriver("excess-units", "excess", excessUnits, "units"),
        makeDriver("leftover-units", `left unsold after ${options.seasonDays} days`, leftoverUnits, "units"),
        makeDriver("carrying-cost", "cost of holding it to the season end", moneyAtRisk, "money"),
      ],
      actions,
    },
    options,
  );
}

/**
 * A markdown only where the stock sells (a store or ecommerce node with demand, never a DC) and
 * only for units that would be left at the season end even if its demand came in high
 * (`markdownDemandQuantile` of the season's demand, daily forecast variances summed): marked down,
 * each sells at price × (1 − depth) instead of being cleared at salvage after being carried, so the
 * proposal appears only when that beats holding. No more units than the markdown can sell in its window.
 */
function markdownProposal(
  context: SeriesContext,
  options: ExceptionOptions,
  figures: { dailyDemand: number; position: number; allowed: number; excessUnits: number; unitHoldingToSeasonEnd: number },
): ActionProposal | undefined {
  if (context.locationType === "dc" || figures.dailyDemand <= 0) return undefined;
  const { dailyDemand } = figures;
  const seasonMean = dailyDemand * options.seasonDays;
  const seasonVariance = options.seasonDays * dailyDemandVariance(dailyDemand, context.forecast.nbSize);
  const highSeasonDemand = demandQuantile(fitDemandDistribution(seasonMean, seasonVariance), options.markdownDemandQuantile);
  const surelyLeft = Math.min(figures.excessUnits, Math.max(0, figures.position - Math.max(figures.allowed, highSeasonDemand)));
  const sellable = dailyDemand * (1 + options.markdownLift) * options.markdownWindowDays;
  const units = Math.floor(Math.min(context.onHand, surelyLeft, sellable));
  if (units <= 0) return undefined;
  const unitMarkdown = context.unitPrice * options.markdownDepth;
  const unitRecovered = context.unitPrice - context.unitCost * options.seasonEndSalvageShare + figures.unitHoldingToSeasonEnd;
  if (unitRecovered <= unitMarkdown) return undefined;
  return proposeAction(
    "markdown",
    units,
    { model: "capped-cover", unitActionCost: unitMarkdown, unitBenefit: unitRecovered, coverableUnits: surelyLeft, unitGovernanceValue: unitMarkdown },
    { sourceId: context.locationId },
    // The units left at the season end are a small difference of two large numbers (stock and the
    // season's demand) that moves with every day's forecast; the markdown is cut from the shelf's stock.
    context.onHand,
  );
}
