import type { DayNumber } from "../types";
import { buildException } from "./build-exception";
import { type ActionProposal, codesAsNames, type ExceptionOptions, type PlanException, type SubjectNames } from "./exception-types";
import { countNoun, makeDriver } from "./make-driver";
import { proposeAction } from "./propose-action";
import { forecastConfidence, forecastUnits, type SeriesContext, unitMargin } from "./series-context";

export interface PromotionPlan {
  promotionId: string;
  startDay: DayNumber;
  endDay: DayNumber;
  /** Planned uplift over baseline, e.g. 0.4 for +40%. */
  expectedUplift: number;
}

/**
 * Promotion readiness: for a promotion not yet over, compares each target node's promo demand —
 * the larger of the forecast over the promo days and baseline × (1 + planned uplift) — with the
 * stock projected at the start plus what arrives during the promotion: open POs and the node's
 * routine replenishment (a store its DC tops up every morning keeps being topped up while the
 * promotion runs). Only the promotion days inside the plan's projection are judged: before the
 * projection reaches the start, nothing is known of the node's stock then, and the promotion is
 * judged again every morning as it comes closer. Money at risk is the shortfall's margin summed over nodes.
 */
export function detectPromotionReadiness(
  promotion: PromotionPlan,
  targets: readonly SeriesContext[],
  options: ExceptionOptions,
  names: SubjectNames = codesAsNames,
): PlanException | undefined {
  const first = targets[0];
  if (!first || promotion.endDay <= first.asOf) return undefined;
  let demand = 0;
  let available = 0;
  let shortfall = 0;
  let moneyAtRisk = 0;
  let shortNodes = 0;
  const actions: ActionProposal[] = [];
  for (const context of [...targets].sort((a, b) => (a.seriesId < b.seriesId ? -1 : 1))) {
    const horizon = context.projection.median.length;
    const startOffset = Math.max(0, promotion.startDay - context.asOf - 1);
    if (startOffset >= horizon) continue;
    const endOffset = Math.min(horizon, promotion.endDay - context.asOf);
    const units = context.history.units;
    const baselineWindow = units.subarray(Math.max(0, units.length - 28));
    const baselineDaily = baselineWindow.length > 0 ? baselineWindow.reduce((sum, value) => sum + value, 0) / baselineWindow.length : 0;
    const promoDemand = Math.max(
      forecastUnits(context.forecast, startOffset, endOffset),
      baselineDaily * (1 + promotion.expectedUplift) * (endOffset - startOffset),
    );
    const stockAtStart = startOffset === 0 ? context.onHand : Math.max(0, context.projection.median[startOffset - 1] ?? 0);
    const receipts =
      context.openLines
        .filter((line) => line.expectedDay > promotion.startDay && line.expectedDay <= context.asOf + endOffset)
        .reduce((sum, line) => sum + line.quantity, 0) +
      context.projection.replenishments
        .filter((receipt) => receipt.dayOffset >= startOffset && receipt.dayOffset < endOffset)
        .reduce((sum, receipt) => sum + receipt.quantity, 0);
    const nodeAvailable = Math.max(0, stockAtStart) + receipts;
    const nodeShortfall = Math.max(0, promoDemand - nodeAvailable);
    demand += promoDemand;
    available += nodeAvailable;
    if (nodeShortfall <= 0) continue;
    shortNodes += 1;
    shortfall += nodeShortfall;
    moneyAtRisk += nodeShortfall * unitMargin(context);
    const transferred = context.transfersIn.reduce((sum, transfer) => sum + transfer.units, 0);
    // Stock for a promotion is worth its margin up to the node's shortfall and nothing past it.
    const coverShortfall = (unitActionCost: number) =>
      ({ model: "capped-cover", unitActionCost, unitBenefit: unitMargin(context), coverableUnits: nodeShortfall, unitGovernanceValue: context.unitCost }) as const;
    for (const transfer of context.transfersIn) {
      actions.push(
        proposeAction("transfer-in", transfer.units, coverShortfall(transfer.laneUnitCost), {
          sourceId: transfer.from,
          destinationId: context.locationId,
        }),
      );
    }
    const orderUnits = Math.ceil(Math.max(0, nodeShortfall - transferred) / context.casePack) * context.casePack;
    if (orderUnits > 0 && promotion.startDay - context.asOf >= context.leadTimeDays) {
      // The order is cut from the node's promotion demand: carry-over's yardstick for a material change.
      actions.push(proposeAction("raise-order", orderUnits, coverShortfall(0), { destinationId: context.locationId }, promoDemand));
    }
  }
  if (shortfall <= 0) return undefined;
  return buildException(
    {
      type: "promotion-readiness",
      subject: { promotionId: promotion.promotionId, sku: first.sku },
      moneyAtRisk,
      daysUntilImpact: Math.max(0, promotion.startDay - first.asOf),
      confidence: Math.min(...targets.map((context) => forecastConfidence(context.forecast, context.backtestDays))),
      drivers: [
        makeDriver("days-to-start", `promotion ${names.promotion(promotion.promotionId)} starts in`, Math.max(0, promotion.startDay - first.asOf), "days", promotion.promotionId),
        makeDriver("planned-uplift", "planned uplift", promotion.expectedUplift * 100, "percent"),
        makeDriver("promo-demand", "expected promotion demand", demand, "units"),
        makeDriver("available", "stock available for it", available, "units"),
        makeDriver("shortfall", "shortfall", shortfall, "units"),
        makeDriver("short-nodes", `${countNoun(shortNodes, "location")} short`, shortNodes, "count"),
        makeDriver("money-at-risk", "margin at risk", moneyAtRisk, "money"),
      ],
      actions,
    },
    options,
  );
}
