import type {
  ActionProposal,
  Driver,
  ExceptionGroup,
  ExceptionOptions,
  ExceptionType,
  PlanException,
  RecommendedAction,
} from "./exception-types";

export interface ExceptionDraft {
  type: ExceptionType;
  subject: Pick<PlanException, "seriesId" | "locationId" | "sku" | "supplierId" | "purchaseOrderId" | "promotionId">;
  moneyAtRisk: number;
  /**
   * What is lost if the claim comes true, when `moneyAtRisk` is an expectation over it (a stock-out
   * that may not happen): the noise floor is judged on it, the confidence already weighs the score.
   */
  moneyIfItHappens?: number;
  /**
   * The share of the noise floor (`minMoneyAtRisk`) this claim's money must reach, 1 unless the
   * detector lowers it: a stock-out claim meets less of it the more likely it is (detectProjectedStockout).
   */
  noiseFloorShare?: number;
  daysUntilImpact: number;
  confidence: number;
  /**
   * "observed": the condition is a recorded fact (a negative count, a PO past its date), so its
   * confidence may be 1. "inferred" (default): it rests on a model, capped at `maxInferredConfidence`.
   */
  confidenceBasis?: "observed" | "inferred";
  drivers: Driver[];
  actions: ActionProposal[];
  group?: ExceptionGroup;
}

const headlines: Record<ExceptionType, string> = {
  "projected-stockout": "Projected stock-out",
  "excess-stock": "Excess stock",
  "demand-deviation": "Demand deviates from forecast",
  "supplier-delay": "Supplier delay",
  "promotion-readiness": "Promotion not covered",
  "inventory-inaccuracy": "Inventory record looks wrong",
  "forecast-drift": "Forecast persistently off",
};

/**
 * Turns a detector's draft into an exception: score = money × urgency × confidence with its parts,
 * a root-cause sentence made only of the drivers' labels and formatted values, and actions ranked by
 * net benefit. Returns undefined below the minimum money at risk (noise control).
 */
export function buildException(draft: ExceptionDraft, options: ExceptionOptions): PlanException | undefined {
  if (!((draft.moneyIfItHappens ?? draft.moneyAtRisk) >= options.minMoneyAtRisk * (draft.noiseFloorShare ?? 1))) return undefined;
  const daysUntilImpact = Math.max(0, draft.daysUntilImpact);
  const urgency = 1 / (1 + daysUntilImpact / options.urgencyScaleDays);
  const ceiling = draft.confidenceBasis === "observed" ? 1 : options.maxInferredConfidence;
  const confidence = Math.min(ceiling, Math.max(0, draft.confidence));
  const actions: RecommendedAction[] = draft.actions
    .map((action) => ({ ...action, rank: 0, netBenefit: action.expectedBenefit - action.cost }))
    .sort((a, b) => b.netBenefit - a.netBenefit || (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0))
    .map((action, index) => ({ ...action, rank: index + 1 }));
  const subjectKey = [
    draft.subject.seriesId,
    draft.subject.purchaseOrderId,
    draft.subject.promotionId,
    draft.subject.seriesId === undefined ? draft.subject.sku : undefined,
    draft.group?.id,
  ]
    .filter((part) => part !== undefined)
    .join("|");
  return {
    id: `${draft.type}:${subjectKey}`,
    type: draft.type,
    ...draft.subject,
    score: {
      moneyAtRisk: draft.moneyAtRisk,
      urgency,
      daysUntilImpact,
      confidence,
      score: draft.moneyAtRisk * urgency * confidence,
    },
    drivers: draft.drivers,
    rootCause: `${headlines[draft.type]}: ${draft.drivers.map(driverPhrase).join("; ")}.`,
    actions,
    ...(draft.group ? { group: draft.group } : {}),
  };
}

/** A count reads before what it counts ("2 products affected (…)"); a measure after its label ("the oldest late by 12 days"). */
function driverPhrase(driver: Driver): string {
  return driver.unit === "count" ? `${driver.text} ${driver.label}` : `${driver.label} ${driver.text}`;
}
