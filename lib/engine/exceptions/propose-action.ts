import type { ActionKind, ActionPricing, ActionProposal } from "./exception-types";
import { priceAction } from "./price-action";

type ActionReferences = Pick<ActionProposal, "sourceId" | "destinationId" | "purchaseOrderId">;

/**
 * An action at `quantity`, priced by priceAction and carrying its pricing so it can be re-priced, and
 * the basis its quantity is cut from (see RecommendedAction.quantityBasis; 0 when there is none).
 */
export function proposeAction(
  kind: ActionKind,
  quantity: number,
  pricing: ActionPricing,
  references: ActionReferences = {},
  quantityBasis = 0,
): ActionProposal {
  const { cost, expectedBenefit, governanceValue } = priceAction(pricing, quantity);
  return { kind, quantity, ...references, cost, expectedBenefit, governanceValue, pricing, quantityBasis };
}
