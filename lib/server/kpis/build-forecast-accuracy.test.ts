/** Realized accuracy: stored forecasts judged against the actuals that arrived after the run. */
import type { PlanRunForecast } from "@prisma/client";
import { describe, expect, it } from "vitest";
import { fromDayNumber } from "../../engine/calendar";
import { buildForecastAccuracy } from "./build-forecast-accuracy";
import type { SalesWindow } from "./load-sales-window";

const FIRST = 20_000;

function stored(week: number, weekStartDay: number, mean: number, planRunId: string): PlanRunForecast {
  return { planRunId, locationId: 1, productId: 7, week, weekStart: fromDayNumber(weekStartDay), mean, p10: mean / 2, p90: mean * 2, method: "ses" };
}

describe("buildForecastAccuracy", () => {
  // 21 days of actuals: week 0 sells 1 a day (7), week 1 2 a day (14), week 2 3 a day (21).
  const units = Float64Array.from({ length: 21 }, (_, i) => Math.floor(i / 7) + 1);
  const window: SalesWindow = {
    firstDay: FIRST,
    days: 21,
    series: [{ locationId: 1, productId: 7, units, revenue: units.map((u) => u * 5), stockout: new Uint8Array(21), observed: new Uint8Array(21).fill(1) }],
  };
  const products = new Map([[7, { category: "SNACKS", unitCost: 2, unitPrice: 5 }]]);

  it("judges each complete week on its freshest forecast, against the week before as the naive forecast", () => {
    const rows = buildForecastAccuracy({
      planRunId: "now",
      asOfDay: FIRST + 21,
      window,
      // Week 1 (14 sold) was forecast 10 two weeks ahead and 12 one week ahead: the fresher 12 is judged.
      // Week 2 (21 sold) was forecast 25 one week ahead. Week 0 has no week before in the window: skipped.
      stored: [stored(1, FIRST + 7, 10, "old"), stored(0, FIRST + 7, 12, "newer"), stored(0, FIRST + 14, 25, "newest"), stored(0, FIRST, 9, "oldest")],
      forecasts: new Map(),
      resolveSeries: () => null,
      products,
    });
    const byWeek = new Map(rows.map((r) => [(r.weekStart as Date).getTime(), r]));
    // Week 1: |14 − 12| = 2, naive |14 − 7| = 7.
    expect(byWeek.get(fromDayNumber(FIRST + 7).getTime())).toMatchObject({ source: "realized", category: "SNACKS", method: "ses", series: 1, absError: 2, actual: 14, forecast: 12, naiveAbsError: 7 });
    // Week 2: |21 − 25| = 4, naive |21 − 14| = 7.
    expect(byWeek.get(fromDayNumber(FIRST + 14).getTime())).toMatchObject({ absError: 4, actual: 21, forecast: 25, naiveAbsError: 7 });
    expect(rows).toHaveLength(2);
  });
});
