export const DECISION_OUTCOME_DEFINITION =
  "Outcome of approved actions: for an approved stock-out action, whether the item stayed in stock over the days the exception warned about; for an approved excess action, the share of the excess units sold since. Value protected is the action's expected benefit when the outcome was good.";

/** What happened after an approved action, from the actuals that arrived since. */
export type DecisionOutcome = "protected" | "missed" | "pending";

/** Stock-out actions: missed at the first stock-out day after approval; protected once the window passed without one. */
export function judgeStockoutAction(stockoutFlagsSinceApproval: readonly boolean[], windowComplete: boolean): DecisionOutcome {
  if (stockoutFlagsSinceApproval.some(Boolean)) return "missed";
  return windowComplete ? "protected" : "pending";
}

/** Excess actions: protected once at least half the excess units sold; missed if the window ended short of it. */
export function judgeExcessAction(excessUnits: number, unitsSoldSince: number, windowComplete: boolean): DecisionOutcome {
  if (excessUnits <= 0 || unitsSoldSince >= excessUnits / 2) return "protected";
  return windowComplete ? "missed" : "pending";
}
