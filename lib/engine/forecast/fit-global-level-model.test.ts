import { describe, expect, it } from "vitest";
import { seededRandom } from "../seeded-random";
import type { DemandSeries } from "../types";
import {
  aggregateItems,
  chooseGlobalRoles,
  fitGlobalLevelModel,
  GLOBAL_FEATURES,
  globalTrainingRows,
  itemKeyOf,
  levelFeatures,
  levelFeatureSource,
  predictLevel,
  type GlobalTrainingRows,
  type RoleHoldoutScore,
} from "./fit-global-level-model";
import { forecastPanel, forecastPanelParallel, preparePanel } from "./forecast-panel";
import { generateIntermittentPanel } from "./generate-intermittent-panel";
import { generateM5LikePanel } from "./generate-m5-like-panel";

const feature = (name: (typeof GLOBAL_FEATURES)[number]) => GLOBAL_FEATURES.indexOf(name);
const series = (id: string, firstDay: number, units: number[], sku?: string): DemandSeries => ({
  id,
  firstDay,
  units: Float64Array.from(units),
  ...(sku ? { product: { sku } } : {}),
});

describe("item totals across locations", () => {
  it("matches items by SKU, else by the id's part after its last '|'", () => {
    expect(itemKeyOf(series("S1|A|B7", 0, []))).toBe("B7");
    expect(itemKeyOf(series("S1|B7", 0, [], "SKU-9"))).toBe("SKU-9");
    expect(itemKeyOf(series("LONELY", 0, []))).toBe("LONELY");
  });

  it("gives a series the other locations' units of its item on its own days, and nothing for a single-location item", () => {
    const a1 = series("S1|A", 100, [1, 0, 2, 0, 3, 1]);
    const a2 = series("S2|A", 102, [5, 5, 0, 4]);
    const b1 = series("S1|B", 100, [9, 9]);
    const items = aggregateItems([a1, a2, b1])!;
    expect([...items.prefixByItem.keys()]).toEqual(["A"]);
    // a1's history as its level methods see it from day 100 on: the others (a2) sold 5, 5, 0, 4 on days 102–105.
    const source = levelFeatureSource(Float64Array.from(a1.units), 100, a1, items);
    expect(Array.from(source.othersPrefix!)).toEqual([0, 0, 0, 5, 10, 10, 14]);
    // a2 from day 102: a1 sold 2, 0, 3, 1 on those days.
    const other = levelFeatureSource(Float64Array.from(a2.units), 102, a2, items);
    expect(Array.from(other.othersPrefix!)).toEqual([0, 2, 2, 5, 6]);
    expect(levelFeatureSource(Float64Array.from(b1.units), 100, b1, items).othersPrefix).toBeUndefined();
    expect(aggregateItems([a1, b1])).toBeUndefined();
  });
});

describe("levelFeatures", () => {
  it("scales recent means by the year's mean and measures the quiet spell since the last sale", () => {
    // 400 days at 2 a day, then 7 days at 6 a day, then 14 quiet days.
    const values = [...Array<number>(400).fill(2), ...Array<number>(7).fill(6), ...Array<number>(14).fill(0)];
    const levels = Float64Array.from(values);
    const source = levelFeatureSource(levels, 0, series("S|X", 0, values), undefined);
    const out = new Float64Array(GLOBAL_FEATURES.length);
    const origin = values.length;
    const scale = levelFeatures(source, origin, out);
    const yearMean = (2 * (364 - 21) + 6 * 7) / 364;
    expect(scale).toBeCloseTo(yearMean, 12);
    expect(out[feature("mean7")]).toBe(0);
    expect(out[feature("mean28")]).toBeCloseTo((2 * 7 + 6 * 7) / 28 / yearMean, 12);
    expect(out[feature("selling28")]).toBeCloseTo(14 / 28, 12);
    expect(out[feature("quietDays")]).toBeCloseTo(14 / 91, 12);
    expect(out[feature("historyYear")]).toBe(1);
    expect(out[feature("itemTrend28")]).toBe(1);
  });

  it("reads an item's recent rise at its other locations", () => {
    const flat = Array<number>(400).fill(1);
    const rising = [...Array<number>(372).fill(1), ...Array<number>(28).fill(3)];
    const own = series("S1|A", 0, flat);
    const items = aggregateItems([own, series("S2|A", 0, rising), series("S3|A", 0, rising)])!;
    const out = new Float64Array(GLOBAL_FEATURES.length);
    levelFeatures(levelFeatureSource(Float64Array.from(flat), 0, own, items), 400, out);
    // Others: 2 a day for the year but 6 a day in the last 28 days; 3 pseudo-units keep the ratio modest.
    const yearlyRate = (2 * 336 + 6 * 28) / 364;
    expect(out[feature("itemTrend28")]).toBeCloseTo((6 * 28 + 3) / (yearlyRate * 28 + 3), 12);
    expect(out[feature("itemTrend28")]).toBeGreaterThan(2.5);
  });
});

describe("globalTrainingRows", () => {
  it("never reads the backtest window, so the backtest that ranks the model stays out of sample", () => {
    const random = seededRandom(5);
    const values = Array.from({ length: 500 }, () => (random() < 0.4 ? Math.floor(1 + 4 * random()) : 0));
    const trainEnd = 472;
    const rowsOf = (units: number[]) => globalTrainingRows("intermittent", levelFeatureSource(Float64Array.from(units), 0, series("S|X", 0, units), undefined), trainEnd, 2);
    const changed = values.map((value, t) => (t >= trainEnd ? value + 50 : value));
    const rows = rowsOf(values);
    expect(rows.targets.length).toBe(8);
    expect(rowsOf(changed)).toEqual(rows);
  });
});

describe("fitGlobalLevelModel", () => {
  it("recovers a level rule from pooled rows, per class, and fits no class with too little evidence", () => {
    const random = seededRandom(9);
    const rows: GlobalTrainingRows = { demandClass: "lumpy", features: [], targets: [], weights: [] };
    for (let r = 0; r < 2000; r++) {
      const x = GLOBAL_FEATURES.map((name) => (name === "intercept" ? 1 : 2 * random()));
      rows.features.push(x);
      // The level is 30 % of the year's mean plus 70 % of the last four weeks'.
      rows.targets.push(0.3 + 0.7 * x[feature("mean28")]!);
      rows.weights.push(0.5 + random());
    }
    const few: GlobalTrainingRows = { demandClass: "smooth", features: rows.features.slice(0, 50), targets: rows.targets.slice(0, 50), weights: rows.weights.slice(0, 50) };
    const model = fitGlobalLevelModel([rows, few]);
    const weights = model.byClass.lumpy!;
    // The ridge penalty shrinks the weights a little.
    expect(Math.abs(weights[feature("intercept")]! - 0.3)).toBeLessThan(0.02);
    expect(Math.abs(weights[feature("mean28")]! - 0.7)).toBeLessThan(0.02);
    for (const name of ["mean7", "mean91", "quietDays", "itemTrend28"] as const) expect(Math.abs(weights[feature(name)]!)).toBeLessThan(0.02);
    expect(model.byClass.smooth).toBeUndefined();

    const source = levelFeatureSource(Float64Array.from(Array<number>(400).fill(2)), 0, series("S|X", 0, []), undefined);
    const scratch = new Float64Array(GLOBAL_FEATURES.length);
    expect(predictLevel(model, "lumpy", source, 400, scratch)).toBeCloseTo(2, 1);
    expect(predictLevel(model, "smooth", source, 400, scratch)).toBeUndefined();
  });

  it("learns on an M5-like panel that an item's rise at its other locations lifts a series' level", () => {
    const panel = generateM5LikePanel({ seriesCount: 1500, seed: 3 });
    const { globalModel } = preparePanel(panel.series, { horizon: 28, futurePromo: panel.futurePromo, globalModel: true });
    const weights = globalModel.byClass.intermittent!;
    expect(weights).toHaveLength(GLOBAL_FEATURES.length);
    expect(weights[feature("itemTrend28")]! + weights[feature("itemTrend91")]!).toBeGreaterThan(0.05);
  });
});

describe("chooseGlobalRoles", () => {
  const score = (demandClass: RoleHoldoutScore["demandClass"], candidate: number, blend: number, alone: number): RoleHoldoutScore => ({ demandClass, rmsse: { candidate, blend, alone } });

  it("gives each class the role with the lowest mean holdout RMSSE, and leaves thin classes and ties as a candidate", () => {
    const scores = [
      ...Array.from({ length: 150 }, (_, i) => score("intermittent", 1, 0.99, i % 2 === 0 ? 0.9 : 1.05)),
      ...Array.from({ length: 150 }, () => score("smooth", 0.8, 0.79, 0.85)),
      ...Array.from({ length: 150 }, () => score("lumpy", 0.9, 0.9, 0.9)),
      ...Array.from({ length: 20 }, () => score("erratic", 1, 0.5, 0.5)),
    ];
    expect(chooseGlobalRoles(scores)).toEqual({ intermittent: "alone", smooth: "blend", lumpy: "candidate" });
  });
});

describe("preparePanel's global model", () => {
  it("is given a larger role than a mere candidate for the slow movers of a stationary spare-parts panel", () => {
    // Stationary slow movers: a long pooled view of the level beats per-series selection on a 28-day backtest.
    const panel = generateIntermittentPanel({ seriesCount: 1500, seed: 3 });
    const { globalModel } = preparePanel(panel.series, { horizon: 28, futurePromo: panel.futurePromo, globalModel: true });
    expect(globalModel.roles.intermittent).not.toBe("candidate");
    expect(globalModel.roles.lumpy).not.toBe("candidate");
    expect(Object.keys(globalModel.byClass).sort()).toEqual(["intermittent", "lumpy", "smooth"]);
  });

  it("is off unless asked for: no model, no item totals, no series forecast with it", () => {
    const panel = generateIntermittentPanel({ seriesCount: 200, seed: 3 });
    const context = preparePanel(panel.series, { horizon: 28, futurePromo: panel.futurePromo });
    expect(context.globalModel).toEqual({ byClass: {}, roles: {} });
    expect(context.items).toBeUndefined();
    expect(forecastPanel(panel.series, { horizon: 28, futurePromo: panel.futurePromo }).some((f) => f.method.includes("global"))).toBe(false);
    expect(forecastPanel(panel.series, { horizon: 28, futurePromo: panel.futurePromo, globalModel: true }).some((f) => f.method.includes("global"))).toBe(true);
  });
});

describe("forecastPanelParallel with the global model", () => {
  it("sends the model and the item totals to the workers: the result is the single-thread one", async () => {
    const panel = generateM5LikePanel({ seriesCount: 400, seed: 8 });
    const options = { horizon: 28, futurePromo: panel.futurePromo, globalModel: true };
    const single = forecastPanel(panel.series, options);
    const parallel = await forecastPanelParallel(panel.series, { ...options, workers: 2 });
    expect(single.some((f) => f.method.includes("global"))).toBe(true);
    expect(parallel.map((f) => f.method)).toEqual(single.map((f) => f.method));
    expect(parallel.map((f) => Array.from(f.mean))).toEqual(single.map((f) => Array.from(f.mean)));
    expect(parallel.map((f) => f.quantiles.map((q) => Array.from(q.values)))).toEqual(single.map((f) => f.quantiles.map((q) => Array.from(q.values))));
  });
});
