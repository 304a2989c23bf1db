import { buildException } from "./build-exception";
import type { ExceptionOptions, PlanException } from "./exception-types";
import { makeDriver } from "./make-driver";
import { proposeAction } from "./propose-action";
import { forecastUnits, type SeriesContext, unitMargin } from "./series-context";

/**
 * Inventory inaccuracy: a negative on hand, or phantom stock (see assessStockRecord). The action is
 * a cycle count — the store's task. Phantom stock costs the sales lost while the record keeps
 * regular replenishment from reordering: the usual daily sales over lead time + review, at margin.
 */
export function detectInventoryInaccuracy(context: SeriesContext, options: ExceptionOptions): PlanException | undefined {
  const record = context.stockRecord;
  if (record.status === "plausible") return undefined;
  const subject = { seriesId: context.seriesId, locationId: context.locationId, sku: context.sku };
  const countAction = (benefit: number) =>
    proposeAction(
      "cycle-count",
      Math.abs(context.onHand),
      { model: "fixed", cost: options.cycleCountCost, expectedBenefit: benefit, governanceValue: options.cycleCountCost },
      { sourceId: context.locationId },
    );
  const protectionDays = Math.ceil(context.leadTimeDays + context.reviewPeriodDays);
  if (record.status === "negative") {
    // The units booked out that were never there, plus the sales a wrong record can cost before
    // the next replenishment corrects it.
    const unreconciled = -record.onHand * context.unitCost;
    const moneyAtRisk = unreconciled + forecastUnits(context.forecast, 0, protectionDays) * unitMargin(context);
    return buildException(
      {
        type: "inventory-inaccuracy",
        subject,
        moneyAtRisk,
        daysUntilImpact: 0,
        // A negative count is impossible stock, not an inference.
        confidence: 1,
        confidenceBasis: "observed",
        drivers: [
          makeDriver("on-hand", "recorded on hand", record.onHand, "units"),
          makeDriver("value", "unreconciled value at cost", unreconciled, "money"),
          makeDriver("money-at-risk", `with the margin of ${protectionDays} days of sales`, moneyAtRisk, "money"),
        ],
        actions: [countAction(moneyAtRisk)],
      },
      options,
    );
  }
  const moneyAtRisk = record.usualDailySales * protectionDays * unitMargin(context);
  return buildException(
    {
      type: "inventory-inaccuracy",
      subject,
      moneyAtRisk,
      daysUntilImpact: 0,
      confidence: 1 - record.runProbability,
      drivers: [
        makeDriver("on-hand", "recorded on hand", record.onHand, "units"),
        makeDriver("zero-sales-days", "days without a sale", record.zeroSalesDays, "days"),
        makeDriver("usual-daily-sales", "usual daily sales before", record.usualDailySales, "units"),
        makeDriver("expected-units", "sales expected in those days", record.expectedUnits, "units"),
        makeDriver("run-probability", "chance of such a run with the stock there", record.runProbability, "probability"),
        makeDriver("money-at-risk", `margin lost over ${protectionDays} days of lead time and review if the stock is not there`, moneyAtRisk, "money"),
      ],
      actions: [countAction(moneyAtRisk)],
    },
    options,
  );
}
