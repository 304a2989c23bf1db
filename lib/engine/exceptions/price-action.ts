import { transferValueChange } from "../allocation/transfer-value-change";
import type { ActionFigures, ActionPricing } from "./exception-types";

/**
 * Cost, expected benefit, net benefit and governance value of an action at `quantity`. The one
 * place each action model is priced: detectors call it for the quantity they propose, and a
 * person's modified quantity is re-priced by the same call, so the two can never disagree.
 */
export function priceAction(pricing: ActionPricing, quantity: number): ActionFigures {
  switch (pricing.model) {
    case "stock-transfer": {
      const cost = pricing.laneUnitCost * quantity;
      const expectedBenefit = transferValueChange(pricing.source, pricing.destination, quantity);
      return { cost, expectedBenefit, netBenefit: expectedBenefit - cost, governanceValue: Math.max(cost, quantity * pricing.unitCost) };
    }
    case "capped-cover": {
      // Forecast adjustments are signed daily rates; their size over their window is what is priced.
      const units = Math.abs(quantity) * (pricing.quantityDays ?? 1);
      const cost = units * pricing.unitActionCost;
      const coveredBenefit = Math.min(units, pricing.coverableUnits) * pricing.unitBenefit;
      const expectedBenefit = pricing.benefitCap === undefined ? coveredBenefit : Math.min(pricing.benefitCap, coveredBenefit);
      return { cost, expectedBenefit, netBenefit: expectedBenefit - cost, governanceValue: Math.max(cost, units * pricing.unitGovernanceValue) };
    }
    case "fixed":
      return {
        cost: pricing.cost,
        expectedBenefit: pricing.expectedBenefit,
        netBenefit: pricing.expectedBenefit - pricing.cost,
        governanceValue: pricing.governanceValue,
      };
  }
}
