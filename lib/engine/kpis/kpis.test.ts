/**
 * Every KPI on a dataset small enough to work out by hand. The figures in the comments are the
 * hand computation; the assertions check the code agrees.
 */
import { describe, expect, it } from "vitest";
import { wape } from "../metrics";
import { canonicalMethod } from "./canonical-method";
import { judgeExcessAction, judgeStockoutAction } from "./decision-outcome";
import { forecastErrorTotals, pooledBias, pooledMase, pooledWape, sumForecastErrorTotals } from "./forecast-accuracy";
import { measureOverrideValueAdded, poolOverrideValueAdded } from "./forecast-value-added";
import { inventoryTurns, summarizeStockPositions, weeksOfCover } from "./inventory-health";
import { KPI_DEFINITIONS } from "./kpi-definitions";
import { demandUnits, estimateLostUnits, fillRate, inStockRate, sumServiceTotals } from "./service-level";
import { automatedShare, median, medianAgeDays, medianHours, overrideRate } from "./workflow";
import { MS_PER_DAY } from "../calendar";

describe("forecast accuracy", () => {
  // Series A, weeks 1–3: actual 10, 20, 30; forecast 12, 18, 33; naive (previous week's actual) 8, 10, 20.
  //   |e| = 2 + 2 + 3 = 7; Σactual = 60; Σforecast = 63; naive |e| = 2 + 10 + 10 = 22.
  // Series B, weeks 1–2: actual 5, 0; forecast 4, 2; naive 5, 5.
  //   |e| = 1 + 2 = 3; Σactual = 5; Σforecast = 6; naive |e| = 0 + 5 = 5.
  const a = forecastErrorTotals([10, 20, 30], [12, 18, 33], [8, 10, 20]);
  const b = forecastErrorTotals([5, 0], [4, 2], [5, 5]);
  const pooled = sumForecastErrorTotals([a, b]);

  it("sums per series", () => {
    expect(a).toEqual({ absError: 7, actual: 60, forecast: 63, naiveAbsError: 22 });
    expect(b).toEqual({ absError: 3, actual: 5, forecast: 6, naiveAbsError: 5 });
  });

  it("pools WAPE, MASE and bias", () => {
    // WAPE = (7 + 3) / (60 + 5) = 10 / 65 = 0.153846…
    expect(pooledWape(pooled)).toBeCloseTo(10 / 65, 12);
    // MASE = 10 / (22 + 5) = 10 / 27 = 0.370370…
    expect(pooledMase(pooled)).toBeCloseTo(10 / 27, 12);
    // bias = (69 − 65) / 65 = 0.061538…
    expect(pooledBias(pooled)).toBeCloseTo(4 / 65, 12);
  });

  it("agrees with metrics/wape over the concatenated cells", () => {
    expect(pooledWape(pooled)).toBeCloseTo(wape(Float64Array.of(10, 20, 30, 5, 0), Float64Array.of(12, 18, 33, 4, 2)), 12);
  });

  it("is undefined without actuals rather than zero", () => {
    const empty = forecastErrorTotals([], [], []);
    expect(pooledWape(empty)).toBeNull();
    expect(pooledBias(empty)).toBeNull();
    expect(pooledMase(empty)).toBeNull();
  });
});

describe("service level", () => {
  // Series X over 5 days: units 4, 6, 0, 5, 1 with stock-outs on days 3 and 5.
  //   in-stock days 1, 2, 4 average (4 + 6 + 5) / 3 = 5 units; lost: day 3 = 5 − 0 = 5, day 5 = 5 − 1 = 4.
  const lostX = estimateLostUnits([4, 6, 0, 5, 1], [false, false, true, false, true]);
  // Series Y over 5 days: 2 units a day, never out of stock → no lost units.
  const lostY = estimateLostUnits([2, 2, 2, 2, 2], [false, false, false, false, false]);

  it("estimates lost units from in-stock days", () => {
    expect(lostX).toEqual([0, 0, 5, 0, 4]);
    expect(lostY).toEqual([0, 0, 0, 0, 0]);
  });

  it("counts nothing lost for a series out of stock all window (no reference)", () => {
    expect(estimateLostUnits([0, 0], [true, true])).toEqual([0, 0]);
  });

  // X: 5 series-days, 2 stock-outs, 16 sold (1 of them on a stock-out day), 9 lost at $3 = $27:
  //   demand on stock-out days = (0 + 5) + (1 + 4) = 10. Y: 5 series-days, 0 stock-outs, 10 sold.
  const totals = sumServiceTotals([
    { seriesDays: 5, stockoutDays: 2, stockoutDemand: 10, unitsSold: 16, lostUnits: 9, lostSales: 27 },
    { seriesDays: 5, stockoutDays: 0, stockoutDemand: 0, unitsSold: 10, lostUnits: 0, lostSales: 0 },
  ]);

  it("in-stock % = demand on in-stock series-days / all demand", () => {
    // demand 26 + 9 = 35, of which 10 on stock-out days: 25 / 35 (counting days alike it would be 8 / 10)
    expect(demandUnits(totals)).toBe(35);
    expect(inStockRate(totals)).toBeCloseTo(25 / 35, 12);
  });

  it("weighs a stock-out day by the demand it carried", () => {
    // Same days out of stock (1 of 10 each), on a fast seller (20 a day) or a slow one (1 a day), beside a steady 10-a-day seller.
    const steady = { seriesDays: 5, stockoutDays: 0, stockoutDemand: 0, unitsSold: 50, lostUnits: 0, lostSales: 0 };
    const fastOut = { seriesDays: 5, stockoutDays: 1, stockoutDemand: 20, unitsSold: 80, lostUnits: 20, lostSales: 0 };
    const slowOut = { seriesDays: 5, stockoutDays: 1, stockoutDemand: 1, unitsSold: 4, lostUnits: 1, lostSales: 0 };
    const fast = inStockRate(sumServiceTotals([steady, fastOut]))!;
    const slow = inStockRate(sumServiceTotals([steady, slowOut]))!;
    expect(fast).toBeCloseTo(130 / 150, 12);
    expect(slow).toBeCloseTo(54 / 55, 12);
    expect(fast).toBeLessThan(slow);
  });

  it("is never above the fill rate (what still sold on stock-out days is served but not in stock)", () => {
    expect(inStockRate(totals)!).toBeLessThanOrEqual(fillRate(totals)!);
  });

  it("is unknown when a fact was stored before demand on stock-out days was measured", () => {
    expect(inStockRate(sumServiceTotals([{ seriesDays: 5, stockoutDays: 1, stockoutDemand: null, unitsSold: 4, lostUnits: 1, lostSales: 0 }]))).toBeNull();
  });

  it("fill rate = sold / (sold + lost)", () => {
    // 26 / (26 + 9) = 0.742857…
    expect(fillRate(totals)).toBeCloseTo(26 / 35, 12);
    expect(totals.lostSales).toBe(27);
  });

  it("is undefined on an empty segment", () => {
    const none = sumServiceTotals([]);
    expect(inStockRate(none)).toBeNull();
    expect(fillRate(none)).toBeNull();
  });
});

describe("inventory health", () => {
  // P: 100 on hand, cost $2, price $5, 1 unit/day, order-up-to 40.
  //   excess (100 − 40) × $2 = $120; markdown: 13 weeks × 7 × 1 = 91 sell, 9 left × $5 = $45.
  // Q: 10 on hand, cost $10, price $20, 2 units/day, order-up-to 30 → no excess; 182 would sell → no exposure.
  // R: −3 on hand (a data error) counts as 0.
  const totals = summarizeStockPositions([
    { onHand: 100, unitCost: 2, unitPrice: 5, dailyDemand: 1, orderUpToLevel: 40 },
    { onHand: 10, unitCost: 10, unitPrice: 20, dailyDemand: 2, orderUpToLevel: 30 },
    { onHand: -3, unitCost: 1, unitPrice: 2, dailyDemand: 0, orderUpToLevel: 0 },
  ]);

  it("sums working capital, excess and markdown exposure", () => {
    // working capital 100 × 2 + 10 × 10 = $300
    expect(totals).toEqual({ onHandUnits: 110, onHandCost: 300, dailyDemand: 3, excessValue: 120, markdownExposure: 45 });
  });

  it("weeks of cover = on hand / weekly forecast demand", () => {
    // 110 / (3 × 7) = 5.238…
    expect(weeksOfCover(totals)).toBeCloseTo(110 / 21, 12);
    expect(weeksOfCover({ onHandUnits: 5, dailyDemand: 0 })).toBeNull();
  });

  it("turns = annualised COGS / inventory at cost", () => {
    // COGS $420 over 28 days → 420 × 365 / 28 = $5,475 a year; / $300 = 18.25 turns
    expect(inventoryTurns({ cogs: 420, cogsDays: 28, onHandCost: 300 })).toBeCloseTo(18.25, 12);
    expect(inventoryTurns({ cogs: 420, cogsDays: 28, onHandCost: 0 })).toBeNull();
  });
});

describe("workflow", () => {
  const at = new Date("2026-03-10T00:00:00Z");

  it("median", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNull();
  });

  it("exception ageing in days", () => {
    // raised 1, 3 and 10 days before → median 3
    const raised = [1, 3, 10].map((d) => new Date(at.getTime() - d * MS_PER_DAY));
    expect(medianAgeDays(raised, at)).toBe(3);
  });

  it("approval cycle time in hours", () => {
    // 2 h and 6 h → median 4 h
    const from = at;
    expect(medianHours([{ from, to: new Date(at.getTime() + 2 * 3_600_000) }, { from, to: new Date(at.getTime() + 6 * 3_600_000) }])).toBe(4);
  });

  it("override rate = (modify + reject) / human decisions", () => {
    // 2 approved as proposed, 1 modified, 1 rejected → 2 / 4
    expect(overrideRate({ approve: 2, modify: 1, reject: 1 })).toBe(0.5);
    expect(overrideRate({ approve: 0, modify: 0, reject: 0 })).toBeNull();
  });

  it("share automated = auto / all approvals", () => {
    // 3 automatic, 1 by a person → 75 %
    expect(automatedShare(3, 1)).toBe(0.75);
    expect(automatedShare(0, 0)).toBeNull();
    // 107 items waiting for a person are not automated: 900 / (900 + 0 + 100) = 90%.
    expect(automatedShare(900, 0, 100)).toBe(0.9);
  });
});

describe("forecast value added", () => {
  // Actuals over the override window: 10, 12, 14 units a day. Statistical forecast 6 a day.
  //   statistical |e| = 4 + 6 + 8 = 18.
  const actuals = [10, 12, 14];

  it("a good override adds value", () => {
    // override 12 a day: |e| = 2 + 0 + 2 = 4 → FVA = 18 − 4 = +14 units, 14 / 18 = +77.8 %
    const good = measureOverrideValueAdded({ statisticalDaily: 6, overrideDaily: 12, actuals });
    expect(good).toMatchObject({ status: "measured", days: 3, statisticalAbsError: 18, overrideAbsError: 4, valueAddedUnits: 14 });
    expect(good.valueAddedShare).toBeCloseTo(14 / 18, 12);
  });

  it("a bad override destroys value", () => {
    // override 2 a day: |e| = 8 + 10 + 12 = 30 → FVA = 18 − 30 = −12 units, −66.7 %
    const bad = measureOverrideValueAdded({ statisticalDaily: 6, overrideDaily: 2, actuals });
    expect(bad).toMatchObject({ statisticalAbsError: 18, overrideAbsError: 30, valueAddedUnits: -12 });
    expect(bad.valueAddedShare).toBeCloseTo(-12 / 18, 12);
  });

  it("pools a planner's overrides", () => {
    // good + bad: statistical 36, override 34 → +2 units, 2 / 36
    const pooled = poolOverrideValueAdded([
      measureOverrideValueAdded({ statisticalDaily: 6, overrideDaily: 12, actuals }),
      measureOverrideValueAdded({ statisticalDaily: 6, overrideDaily: 2, actuals }),
      measureOverrideValueAdded({ statisticalDaily: 6, overrideDaily: 2, actuals: [] }),
    ]);
    expect(pooled).toMatchObject({ status: "measured", days: 6, statisticalAbsError: 36, overrideAbsError: 34, valueAddedUnits: 2 });
    expect(pooled.valueAddedShare).toBeCloseTo(2 / 36, 12);
  });

  it("waits for actuals", () => {
    expect(measureOverrideValueAdded({ statisticalDaily: 6, overrideDaily: 2, actuals: [] }).status).toBe("no-actuals");
  });
});

describe("decision outcomes", () => {
  it("stock-out actions", () => {
    expect(judgeStockoutAction([], false)).toBe("pending");
    expect(judgeStockoutAction([false, false], false)).toBe("pending");
    expect(judgeStockoutAction([false, false], true)).toBe("protected");
    expect(judgeStockoutAction([false, true], false)).toBe("missed");
  });

  it("excess actions", () => {
    expect(judgeExcessAction(100, 60, false)).toBe("protected");
    expect(judgeExcessAction(100, 10, false)).toBe("pending");
    expect(judgeExcessAction(100, 10, true)).toBe("missed");
  });
});

it("every KPI carries a written definition", () => {
  for (const [id, kpi] of Object.entries(KPI_DEFINITIONS)) {
    expect(kpi.definition.length, id).toBeGreaterThan(40);
  }
});

it("names a method combination whatever the order of its members", () => {
  expect(canonicalMethod("mean(ses+adida+tsb)")).toBe("mean(adida + ses + tsb)");
  expect(canonicalMethod("mean(tsb + ses + adida)")).toBe("mean(adida + ses + tsb)");
  expect(canonicalMethod("ets(A,N,N)")).toBe("ets(A,N,N)");
  expect(canonicalMethod("mean(tsb+ses) after a stop")).toBe("mean(ses + tsb) after a stop");
});
