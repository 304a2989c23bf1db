import type { ActionFigures, ActionPricing } from "./exception-types";
import { priceAction } from "./price-action";

export type RepricedAction =
  | { status: "priced"; figures: ActionFigures }
  /** A transfer cannot move more than the source holds; its stock value is undefined below zero. */
  | { status: "exceeds-source-stock"; maxQuantity: number };

/**
 * Re-evaluates an action at a person's modified quantity with the economics the plan priced it on,
 * through the same priceAction the detectors used, so the proposed quantity gives back exactly the
 * plan's figures and any other quantity is priced as the plan would have priced it.
 */
export function repriceAction(pricing: ActionPricing, quantity: number): RepricedAction {
  if (pricing.model === "stock-transfer" && quantity > pricing.source.stock) {
    return { status: "exceeds-source-stock", maxQuantity: pricing.source.stock };
  }
  return { status: "priced", figures: priceAction(pricing, quantity) };
}
