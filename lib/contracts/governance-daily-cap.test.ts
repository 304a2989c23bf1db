import { describe, expect, it } from "vitest";
import { DEFAULT_DAILY_ITEMS_PER_PLANNER, POLICY_HARD_BOUNDS, ZApprovalPolicyRules, ZUpdatePolicyRequest } from "./governance";

const rules = {
  autoApproval: { actionTypes: ["transfer"], maxValue: 500, minConfidence: 0.8, maxDataAgeDays: 2 },
  tierLimits: { planner: 5_000, manager: 25_000 },
  minimumTier: {},
  slaHours: { planner: 24, manager: 48, finance: 72 },
};

describe("policy field: daily items per planner", () => {
  it("a version written before the field existed reads as the default", () => {
    expect(ZApprovalPolicyRules.parse(rules).dailyItemsPerPlanner).toBe(DEFAULT_DAILY_ITEMS_PER_PLANNER);
  });

  it("an edit must be a whole number from 1 up to the hard bound, named by its path", () => {
    const edit = (dailyItemsPerPlanner: number) => ZUpdatePolicyRequest.safeParse({ basedOnVersion: 1, note: "cap", rules: { ...rules, dailyItemsPerPlanner } });
    expect(edit(12).success).toBe(true);
    for (const bad of [0, 2.5, POLICY_HARD_BOUNDS.dailyItemsPerPlanner + 1]) {
      const result = edit(bad);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((issue) => issue.path.join("."))).toContain("rules.dailyItemsPerPlanner");
    }
  });
});
