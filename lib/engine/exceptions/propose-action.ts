import type { ActionKind, ActionPricing, ActionProposal } from "./exception-types";
import { priceAction } from "./price-action";

type ActionReferences = Pick<ActionProposal, "sourceId" | "destinationId" | "purchaseOrderId">;

/** An action at `quantity`, priced by priceAction and carrying its pricing so it can be re-priced. */
export function proposeAction(kind: ActionKind, quantity: number, pricing: ActionPricing, references: ActionReferences = {}): ActionProposal {
  const { cost, expectedBenefit, governanceValue } = priceAction(pricing, quantity);
  return { kind, quantity, ...references, cost, expectedBenefit, governanceValue, pricing };
}
