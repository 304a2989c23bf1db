import "server-only";
import { DEFAULT_DAILY_ITEMS_PER_PLANNER, DEFAULT_MIN_DECISION_VALUE, type TApprovalPolicyRules } from "../../contracts/governance";

/** Version 1 of the approval policy, as described in PRODUCT.md; admins edit it from there. */
export const DEFAULT_APPROVAL_POLICY_RULES: TApprovalPolicyRules = {
  autoApproval: {
    actionTypes: ["transfer", "cycle_count", "adjust_forecast"],
    maxValue: 500,
    minConfidence: 0.8,
    maxDataAgeDays: 2,
  },
  tierLimits: { planner: 5_000, manager: 25_000 },
  minimumTier: { raise_order: "manager", expedite_po: "manager", cut_po: "manager", confirm_po: "manager" },
  slaHours: { planner: 24, manager: 48, finance: 72 },
  confirmAboveValue: 10_000,
  dailyItemsPerPlanner: DEFAULT_DAILY_ITEMS_PER_PLANNER,
  minDecisionValue: DEFAULT_MIN_DECISION_VALUE,
};
