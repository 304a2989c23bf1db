import "server-only";
import type { TActionType } from "../../contracts/governance";

export interface FinancialImpact {
  /** Expected gross-margin effect: benefit minus the action's cost. */
  marginImpact: number;
  /** Change in inventory held at cost; positive ties up cash, negative releases it. */
  workingCapitalImpact: number;
}

/**
 * What finance weighs an action by. Transfers, expedites, counts and forecast changes move or
 * re-time stock the company already owns, so only buying, cutting and clearing stock change
 * working capital.
 */
export function estimateFinancialImpact(
  action: { actionType: TActionType; quantity: number; cost: number; benefit: number },
  unitCost: number,
): FinancialImpact {
  const atCost = action.quantity * unitCost;
  const workingCapitalImpact =
    action.actionType === "raise_order" ? atCost : action.actionType === "cut_po" || action.actionType === "markdown" ? -atCost : 0;
  return { marginImpact: action.benefit - action.cost, workingCapitalImpact };
}
