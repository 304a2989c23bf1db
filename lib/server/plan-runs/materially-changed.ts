import "server-only";
import type { Driver } from "../../engine/exceptions/exception-types";
import { MATERIAL_CHANGE } from "../../engine/exceptions/carry-over";
import type { TExceptionType } from "../../contracts/exceptions";

export interface ExceptionSituation {
  type: TExceptionType;
  moneyAtRisk: number;
  daysToImpact: number | null;
  drivers: readonly Pick<Driver, "key" | "value" | "reference">[];
}

const driverValue = (situation: ExceptionSituation, key: string) => situation.drivers.find((driver) => driver.key === key)?.value;

/** A group's driver that lists its members in its reference: a cluster's stores, a PO's SKU lines. */
const MEMBER_DRIVERS = ["stores", "lines"];

/** True when the current group lists a member (store or SKU line) the decided one did not. */
function memberJoined(decided: ExceptionSituation, current: ExceptionSituation): boolean {
  return MEMBER_DRIVERS.some((key) => {
    const members = (situation: ExceptionSituation) => situation.drivers.find((driver) => driver.key === key)?.reference?.split(",");
    const before = members(decided);
    const now = members(current);
    return before !== undefined && now !== undefined && now.some((member) => !before.includes(member));
  });
}

/**
 * True when a decided (or snoozed) exception's condition has changed enough to put it back in the
 * queue (MATERIAL_CHANGE): another type, money at risk up by more than the material share, a store
 * or SKU line joined its group, or a type-specific worsening. Otherwise the decision stands and the planner is not asked the same
 * question again every night.
 */
export function materiallyChanged(decided: ExceptionSituation, current: ExceptionSituation): boolean {
  if (current.type !== decided.type) return true;
  if (current.moneyAtRisk > decided.moneyAtRisk * (1 + MATERIAL_CHANGE.share)) return true;
  // A store or SKU line joined a group: the decision did not cover it, whatever the group's money did.
  if (memberJoined(decided, current)) return true;
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
