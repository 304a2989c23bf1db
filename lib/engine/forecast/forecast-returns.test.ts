import { describe, expect, it } from "vitest";
import { poissonDraw } from "../plan/plan-fixtures";
import { seededRandom } from "../seeded-random";
import { estimateReturnsProfiles, forecastReturns, type ReturnsSeriesInput } from "./forecast-returns";

/** Sales with a weekly and a seasonal swing; each unit sold comes back `lag` days later with probability `rate`. */
function panel(seed: number, options: { series: number; days: number; lag: number; rate: number; group?: string; lagSpread?: number }): ReturnsSeriesInput[] {
  const random = seededRandom(seed);
  return Array.from({ length: options.series }, (_, i) => {
    const sales = new Float64Array(options.days);
    const returns = new Float64Array(options.days);
    const level = 1 + random() * 4;
    for (let t = 0; t < options.days; t++) {
      const season = 1 + 0.6 * Math.sin((2 * Math.PI * t) / 91) + (t % 7 >= 5 ? 0.4 : 0);
      sales[t] = poissonDraw(random, level * season);
    }
    for (let t = 0; t < options.days; t++) {
      for (let u = 0; u < sales[t]!; u++) {
        if (random() >= options.rate) continue;
        const lag = options.lag + Math.floor(random() * ((options.lagSpread ?? 0) + 1));
        if (t + lag < options.days) returns[t + lag] = returns[t + lag]! + 1;
      }
    }
    // As in a plan: the group is a location, the family its type (here one location per type).
    return { id: `S${i}`, group: options.group ?? "G", family: options.group ?? "G", firstDay: 0, sales, returns };
  });
}

describe("estimateReturnsProfiles", () => {
  it("recovers the lag and the rate of a panel whose returns follow sales by 14 days", () => {
    const profiles = estimateReturnsProfiles(panel(7, { series: 40, days: 400, lag: 14, rate: 0.2 }));
    for (const profile of profiles) {
      expect(profile).not.toBeNull();
      expect(profile!.lagDays).toBeGreaterThanOrEqual(12);
      expect(profile!.lagDays).toBeLessThanOrEqual(16);
      expect(profile!.rate).toBeGreaterThan(0.12);
      expect(profile!.rate).toBeLessThan(0.28);
    }
    const pooledRate = profiles.reduce((sum, p) => sum + p!.returnedUnits, 0) / profiles.reduce((sum, p) => sum + p!.soldUnits, 0);
    expect(pooledRate).toBeCloseTo(0.2, 1);
  });

  it("learns each group's own lag and rate (store returns fast and few, online slow and many)", () => {
    const stores = panel(3, { series: 60, days: 400, lag: 3, rate: 0.05, group: "store" });
    const online = panel(4, { series: 20, days: 400, lag: 21, rate: 0.3, group: "online" });
    const profiles = estimateReturnsProfiles([...stores, ...online]);
    const store = profiles[0]!;
    const web = profiles[60]!;
    expect(Math.abs(store.lagDays - 3)).toBeLessThanOrEqual(2);
    expect(Math.abs(web.lagDays - 21)).toBeLessThanOrEqual(2);
    expect(web.rate).toBeGreaterThan(store.rate * 3);
  });

  it("places returns spread over 5–20 days after the sale inside the spread, away from its edges", () => {
    const profiles = estimateReturnsProfiles(panel(13, { series: 40, days: 400, lag: 5, lagSpread: 15, rate: 0.2 }));
    expect(profiles[0]!.lagDays).toBeGreaterThanOrEqual(7);
    expect(profiles[0]!.lagDays).toBeLessThanOrEqual(18);
    expect(profiles[0]!.rate).toBeGreaterThan(0.15);
  });

  it("shrinks a series with few sales toward its group's rate", () => {
    const series = panel(9, { series: 10, days: 300, lag: 7, rate: 0.1 });
    // A series that sold a little and had one return: on its own 1 of 3 came back.
    const sparse = { id: "NEW", group: "G", firstDay: 0, sales: new Float64Array(300), returns: new Float64Array(300) };
    sparse.sales[250] = 3;
    sparse.returns[257] = 1;
    const profiles = estimateReturnsProfiles([...series, sparse]);
    const own = profiles[10]!;
    expect(own.rate).toBeLessThan(0.33);
    expect(own.rate).toBeGreaterThan(0.1);
  });

  it("takes a location's lag from all locations of its type when its own returns are too few to show one", () => {
    // Twelve small stores, returns 4 days after the sale: each alone is noise, together they are clear.
    const stores = Array.from({ length: 12 }, (_, k) => panel(30 + k, { series: 10, days: 400, lag: 4, rate: 0.05, group: `S${k}` }).map((s) => ({ ...s, id: `S${k}-${s.id}`, family: "store" })));
    const profiles = estimateReturnsProfiles(stores.flat());
    const lags = [...new Set(profiles.map((p) => p!.lagDays))].sort((a, b) => a - b);
    expect(lags[0]).toBeGreaterThanOrEqual(3);
    expect(lags.at(-1)).toBeLessThanOrEqual(5);
  });

  it("gives no profile where nothing was ever returned", () => {
    const series = panel(5, { series: 3, days: 200, lag: 7, rate: 0 });
    expect(estimateReturnsProfiles(series)).toEqual([null, null, null]);
  });
});

describe("forecastReturns", () => {
  it("takes recorded sales while the lag reaches back into history, then the sales forecast", () => {
    const sales = Float64Array.from([0, 0, 10, 20, 30]);
    const forecast = Float64Array.from([100, 100, 100, 100]);
    const expected = forecastReturns({ rate: 0.1, lagDays: 2, returnedUnits: 0, soldUnits: 0 }, sales, forecast);
    // Day h returns 10 % of what sold two days earlier: history day 3 (20), day 4 (30), then forecast days 0 and 1.
    expect(Array.from(expected)).toEqual([2, 3, 10, 10]);
  });
});
