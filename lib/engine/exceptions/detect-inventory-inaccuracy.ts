import { buildException } from "./build-exception";
import type { ExceptionOptions, PlanException } from "./exception-types";
import { makeDriver } from "./make-driver";
import { proposeAction } from "./propose-action";
import { forecastUnits, type SeriesContext, unitMargin } from "./series-context";

/**
 * Inventory inaccuracy: negative on hand, or phantom stock — a run of zero-sales days that the
 * forecast's error model finds too unlikely while the record says stock is there.
 */
export function detectInventoryInaccuracy(context: SeriesContext, options: ExceptionOptions): PlanException | undefined {
  const subject = { seriesId: context.seriesId, locationId: context.locationId, sku: context.sku };
  const countAction = (benefit: number) =>
    proposeAction(
      "cycle-count",
      Math.abs(context.onHand),
      { model: "fixed", cost: options.cycleCountCost, expectedBenefit: benefit, governanceValue: options.cycleCountCost },
      { sourceId: context.locationId },
    );
  if (context.onHand < 0) {
    const moneyAtRisk = -context.onHand * context.unitCost;
    return buildException(
      {
        type: "inventory-inaccuracy",
        subject,
        moneyAtRisk,
        daysUntilImpact: 0,
        confidence: 1,
        drivers: [
          makeDriver("on-hand", "recorded on hand", context.onHand, "units"),
          makeDriver("value", "unreconciled value at cost", moneyAtRisk, "money"),
        ],
        actions: [countAction(moneyAtRisk)],
      },
      options,
    );
  }
  if (context.onHand <= 0) return undefined;
  const units = context.history.units;
  let zeroRun = 0;
  while (zeroRun < units.length && units[units.length - 1 - zeroRun] === 0) zeroRun += 1;
  if (zeroRun < options.phantomMinZeroDays) return undefined;
  // Expected daily demand before the run, so the run itself does not pull the expectation down.
  const before = units.subarray(Math.max(0, units.length - zeroRun - 56), units.length - zeroRun);
  const dailyMean = before.length > 0 ? before.reduce((sum, value) => sum + value, 0) / before.length : 0;
  if (dailyMean <= 0) return undefined;
  const size = context.forecast.nbSize;
  const dailyZeroProbability = Number.isFinite(size) ? (size / (size + dailyMean)) ** size : Math.exp(-dailyMean);
  const runProbability = dailyZeroProbability ** zeroRun;
  if (runProbability > options.phantomMaxProbability) return undefined;
  const protectionUnits = forecastUnits(context.forecast, 0, Math.ceil(context.leadTimeDays + context.reviewPeriodDays));
  const moneyAtRisk = Math.max(protectionUnits, dailyMean * context.leadTimeDays) * unitMargin(context);
  return buildException(
    {
      type: "inventory-inaccuracy",
      subject,
      moneyAtRisk,
      daysUntilImpact: 0,
      confidence: 1 - runProbability,
      drivers: [
        makeDriver("on-hand", "recorded on hand", context.onHand, "units"),
        makeDriver("zero-sales-days", "days without a sale", zeroRun, "days"),
        makeDriver("usual-daily-sales", "usual daily sales before", dailyMean, "units"),
        makeDriver("run-probability", "chance of such a run with stock present", runProbability, "probability"),
        makeDriver("money-at-risk", "margin lost if the stock is not there", moneyAtRisk, "money"),
      ],
      actions: [countAction(moneyAtRisk)],
    },
    options,
  );
}
