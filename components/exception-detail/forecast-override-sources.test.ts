import { describe, expect, it } from "vitest";
import type { TForecastOverrideView } from "@/lib/contracts/exceptions";
import { forecastOverrideEffect, forecastOverrideSource } from "./forecast-override-sources";

const window = { id: "fo1", startDate: "2026-12-02", endDate: "2026-12-15", dailyUnits: 12.44, replacedUnits: 8.1, createdAt: "2026-12-01T09:30:00.000Z" };

describe("where a forecast override came from, in words", () => {
  it("names the approver of the recommended change, by name", () => {
    const view: TForecastOverrideView = {
      ...window,
      source: { kind: "approved_recommendation", recommendationId: "r1", approvedAt: "2026-12-01T09:30:00.000Z", approvedBy: { id: "u1", name: "Ana Planner" }, policyVersion: 3 },
    };
    expect(forecastOverrideSource(view)).toBe("Forecast changed by approved recommendation on 1 Dec 2026, approved by Ana Planner");
    expect(forecastOverrideEffect(view)).toBe("12.4 units/day from 2 Dec 2026 to 15 Dec 2026, was 8.1 units/day");
  });

  it("says when the approval policy approved it, with its version", () => {
    const view: TForecastOverrideView = {
      ...window,
      source: { kind: "approved_recommendation", recommendationId: "r1", approvedAt: "2026-12-01T02:00:00.000Z", approvedBy: null, policyVersion: 1 },
    };
    expect(forecastOverrideSource(view)).toBe("Forecast changed by approved recommendation on 1 Dec 2026, approved automatically under approval policy v1");
  });

  it("names a planner's own override with its reason", () => {
    const view: TForecastOverrideView = { ...window, source: { kind: "planner", by: { id: "u2", name: "Bo Buyer" }, reasonCode: "promotion" } };
    expect(forecastOverrideSource(view)).toBe("Forecast overridden by Bo Buyer on 1 Dec 2026 (Promotion)");
  });
});
