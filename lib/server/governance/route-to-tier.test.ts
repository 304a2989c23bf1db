import { describe, expect, it } from "vitest";
import { ACTION_TYPES, NEVER_AUTO_ACTION_TYPES, ZApprovalPolicyRules, type TActionType } from "../../contracts/governance";
import { DEFAULT_APPROVAL_POLICY_RULES as rules } from "./default-approval-policy";
import { routeToTier, type TierInput } from "./route-to-tier";

const fresh = { confidence: 0.9, dataAgeDays: 1 } as const;
const route = (actionType: TActionType, value: number, extra: Partial<TierInput> = {}) =>
  routeToTier({ actionType, value, ...fresh, ...extra }, rules);

describe("routeToTier under the default policy", () => {
  it.each([
    // action type, value, expected tier
    ["transfer", 300, "auto"],
    ["cycle_count", 500, "auto"],
    ["adjust_forecast", 0, "auto"],
    ["transfer", 501, "planner"],
    ["transfer", 5_000, "planner"],
    ["transfer", 5_001, "manager"],
    ["transfer", 25_000, "manager"],
    ["transfer", 25_001, "finance"],
    ["review_model", 100, "planner"],
    ["markdown", 100, "planner"],
    ["markdown", 30_000, "finance"],
    ["raise_order", 100, "manager"],
    ["expedite_po", 4_000, "manager"],
    ["cut_po", 24_000, "manager"],
    ["raise_order", 60_000, "finance"],
  ] as const)("%s worth %d → %s", (actionType, value, tier) => {
    expect(route(actionType, value).tier).toBe(tier);
  });

  it.each(NEVER_AUTO_ACTION_TYPES)("never auto-approves %s, however small and certain", (actionType) => {
    const routing = route(actionType, 1, { confidence: 1, dataAgeDays: 0 });
    expect(routing.tier).not.toBe("auto");
    if (actionType === "markdown") expect(routing.reasons).toContain("auto-approval disabled: markdown actions always need a person");
  });

  it("says on the item that stale data disabled auto-approval", () => {
    const routing = route("transfer", 300, { dataAgeDays: 4 });
    expect(routing.tier).toBe("planner");
    expect(routing.reasons).toContain("auto-approval disabled: sales data is 4 days old (limit 2)");
  });

  it("says on the item that low forecast confidence disabled auto-approval", () => {
    const routing = route("cycle_count", 300, { confidence: 0.62 });
    expect(routing.tier).toBe("planner");
    expect(routing.reasons).toContain("auto-approval disabled: forecast confidence 0.62 is below 0.80");
  });

  it("names every failing guard at once and treats unknown data age as stale", () => {
    const routing = route("transfer", 300, { confidence: 0.5, dataAgeDays: null });
    expect(routing.reasons).toEqual([
      "value $300 is within the planner limit of $5,000",
      "auto-approval disabled: the age of the sales data is unknown",
      "auto-approval disabled: forecast confidence 0.50 is below 0.80",
    ]);
  });

  it("keeps warning about weak data on items above the auto tier", () => {
    expect(route("transfer", 10_000, { dataAgeDays: 5 }).reasons).toContain(
      "auto-approval disabled: sales data is 5 days old (limit 2)",
    );
  });

  it("never auto-approves an action a person changed", () => {
    const routing = route("transfer", 100, { changedByPerson: true });
    expect(routing).toMatchObject({ tier: "planner" });
    expect(routing.reasons).toContain("auto-approval disabled: a person changed this action");
  });

  it("explains an auto-approval with the figures it was judged on", () => {
    expect(route("transfer", 300).reasons).toEqual([
      "auto-approved: transfer worth $300 (limit $500), confidence 0.90 (minimum 0.80), sales data 1 day old (limit 2)",
    ]);
  });

  it("raises supplier actions to the buyer's manager tier", () => {
    expect(route("raise_order", 100).reasons).toContain("raise order actions need at least the manager tier");
  });

  it("invariant: a higher value never needs a lower tier, for every action type", () => {
    const order = ["auto", "planner", "manager", "finance"];
    for (const actionType of ACTION_TYPES) {
      let previous = 0;
      for (const value of [0, 250, 500, 501, 4_999, 5_000, 5_001, 25_000, 25_001, 1e6]) {
        const rank = order.indexOf(route(actionType, value).tier);
        expect(rank).toBeGreaterThanOrEqual(previous);
        previous = rank;
      }
    }
  });
});

describe("ZApprovalPolicyRules", () => {
  it("accepts the default policy", () => {
    expect(ZApprovalPolicyRules.safeParse(rules).success).toBe(true);
  });

  it("refuses to whitelist markdowns or supplier commitments for auto-approval", () => {
    const result = ZApprovalPolicyRules.safeParse({
      ...rules,
      autoApproval: { ...rules.autoApproval, actionTypes: ["transfer", "markdown", "raise_order"] },
    });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message)).toEqual([
      "markdown actions always need a person and cannot be auto-approved",
      "raise_order actions always need a person and cannot be auto-approved",
    ]);
  });

  it("refuses tier limits out of order", () => {
    const result = ZApprovalPolicyRules.safeParse({ ...rules, tierLimits: { planner: 30_000, manager: 25_000 } });
    expect(result.success).toBe(false);
  });
});
