import type { Driver } from "../../engine/exceptions/exception-types";
import type { TExceptionType } from "../exceptions/exceptions.types";

/** When a decided exception is raised again: the situation must have changed this much since the decision. */
export const MATERIAL_CHANGE = {
  /** Money at risk up by half or more. */
  moneyAtRiskRatio: 1.5,
  /** Stock-out: the impact came at least this much closer, as a share of the days left at decision time. */
  stockoutDaysToImpactShare: 0.5,
  /** Supplier delay: the expected delay grew by at least this many days. */
  supplierDelayExtraDays: 3,
} as const;

export interface ExceptionSituation {
  type: TExceptionType;
  moneyAtRisk: number;
  daysToImpact: number | null;
  drivers: readonly Pick<Driver, "key" | "value">[];
}

const driverValue = (situation: ExceptionSituation, key: string) => situation.drivers.find((driver) => driver.key === key)?.value;

/**
 * True when a decided exception's condition has changed enough to put it back in the queue: more
 * money at risk, or a type-specific worsening. Otherwise the decision stands and the planner is not
 * asked the same question again every night.
 */
export function materiallyChanged(decided: ExceptionSituation, current: ExceptionSituation): boolean {
  if (current.moneyAtRisk >= decided.moneyAtRisk * MATERIAL_CHANGE.moneyAtRiskRatio) return true;
  if (current.type === "stockout" && decided.daysToImpact !== null && current.daysToImpact !== null && decided.daysToImpact >= 2) {
    if (current.daysToImpact <= decided.daysToImpact * MATERIAL_CHANGE.stockoutDaysToImpactShare) return true;
  }
  if (current.type === "supplier_delay") {
    const before = driverValue(decided, "expected-delay");
    const now = driverValue(current, "expected-delay");
    if (before !== undefined && now !== undefined && now - before >= MATERIAL_CHANGE.supplierDelayExtraDays) return true;
  }
  return false;
}
