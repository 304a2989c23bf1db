import { describe, expect, it } from "vitest";
import type { RecommendedAction } from "../exceptions/exception-types";
import { buildSmallSnapshot, flatForecastStep } from "../plan/plan-fixtures";
import type { PlanSnapshot } from "../plan/plan-types";
import { runPlan } from "../plan/run-plan";

const stockChanging = new Set<RecommendedAction["kind"]>(["raise-order", "transfer-in", "expedite-po", "transfer-out", "markdown", "cut-po", "cancel-po"]);

describe("projection with the recommended action", () => {
  it("a stock-out's projection with its order or transfer stands higher than without it; counts and forecast changes draw no second line", async () => {
    const base = buildSmallSnapshot(7);
    const snapshot: PlanSnapshot = {
      ...base,
      stock: base.stock.map((record) => (record.locationId === "DC1" ? { ...record, onHand: 0 } : record.locationId === "ST1" ? { ...record, onHand: 2 } : record)),
    };
    const result = await runPlan(snapshot, {}, flatForecastStep);
    // The chart draws the highest-ranked exception's action on each series; look at stock-outs that are it.
    const firstOnSeries = new Map<string, string>();
    for (const exception of result.exceptions) {
      const action = exception.actions[0];
      if (exception.seriesId !== undefined && action && stockChanging.has(action.kind) && !firstOnSeries.has(exception.seriesId)) firstOnSeries.set(exception.seriesId, exception.id);
    }
    const stockouts = result.exceptions.filter(
      (exception) => exception.type === "projected-stockout" && stockChanging.has(exception.actions[0]!.kind) && firstOnSeries.get(exception.seriesId!) === exception.id,
    );
    expect(stockouts.length).toBeGreaterThan(0);
    const plans = new Map(result.series.map((plan) => [plan.seriesId, plan]));
    for (const exception of stockouts) {
      const plan = plans.get(exception.seriesId!)!;
      const withAction = plan.projection.withAction;
      expect(withAction?.exceptionId).toBe(exception.id);
      // Higher until regular replenishment would have caught up (tomorrow's check + the lead time);
      // after that routine orders come later or smaller instead.
      expect(withAction!.median.some((value, day) => value > plan.projection.median[day]!)).toBe(true);
      const routineCatchUp = 1 + Math.ceil(plan.policy.leadTimeMeanDays);
      for (let day = 0; day < routineCatchUp; day += 1) expect(withAction!.median[day]).toBeGreaterThanOrEqual(plan.projection.median[day]!);
    }
    for (const plan of result.series) {
      if (!plan.projection.withAction) continue;
      expect(stockChanging.has(plan.projection.withAction.actionKind)).toBe(true);
    }
  });
});
