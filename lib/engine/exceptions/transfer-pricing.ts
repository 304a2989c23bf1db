import type { PlannedTransfer } from "../allocation/plan-transfers";
import type { ActionPricing } from "./exception-types";

/** Prices a planned transfer on the stock values the transfer LP chose it by, at both ends. */
export function transferPricing(transfer: PlannedTransfer, unitCost: number): ActionPricing {
  return { model: "stock-transfer", laneUnitCost: transfer.laneUnitCost, unitCost, source: transfer.source, destination: transfer.destination };
}
