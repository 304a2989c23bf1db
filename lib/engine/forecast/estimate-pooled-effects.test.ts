import { describe, expect, it } from "vitest";
import type { DemandSeries } from "../types";
import { seededRandom } from "../seeded-random";
import { dayOfMonthOf, weekdayOf, yearBucketOf } from "../calendar";
import { sampleNegativeBinomial } from "./sample-demand";
import { estimatePooledEffects } from "./estimate-pooled-effects";

const WEEKDAY = [0.6, 0.8, 1, 1, 1, 1.2, 1.4];

function panel(uplift: number, yearlyAmplitude: number): DemandSeries[] {
  const series: DemandSeries[] = [];
  for (let i = 0; i < 30; i++) {
    const units = new Float64Array(800);
    const onPromo = new Uint8Array(800);
    for (let t = 0; t < units.length; t++) {
      const day = 18000 + t;
      onPromo[t] = (t + i * 5) % 40 < 3 ? 1 : 0;
      const season = 1 + yearlyAmplitude * Math.sin((2 * Math.PI * day) / 365.25);
      units[t] = (10 + i) * WEEKDAY[weekdayOf(day)]! * season * (onPromo[t] ? uplift : 1);
    }
    series.push({ id: `s${i}`, firstDay: 18000, units, onPromo, group: "g" });
  }
  return series;
}

describe("estimatePooledEffects", () => {
  it("recovers the shared weekday profile, yearly season and promotion uplift", () => {
    const effects = estimatePooledEffects(panel(2, 0.3)).groups.get("g")!;
    const meanWeekday = WEEKDAY.reduce((a, b) => a + b) / 7;
    for (let d = 0; d < 7; d++) expect(effects.dayOfWeek[d]).toBeCloseTo(WEEKDAY[d]! / meanWeekday, 1);
    expect(effects.promoUplift).toBeGreaterThan(1.8);
    expect(effects.promoUplift).toBeLessThan(2.2);
    const peak = effects.yearly[yearBucketOf(Math.round(365.25 / 4))]!;
    const trough = effects.yearly[yearBucketOf(Math.round((3 * 365.25) / 4))]!;
    expect(peak).toBeGreaterThan(1.2);
    expect(trough).toBeLessThan(0.8);
  });
  it("leaves the yearly profile flat when there is no yearly season", () => {
    const effects = estimatePooledEffects(panel(1.5, 0)).groups.get("g")!;
    for (let b = 0; b < effects.yearly.length; b += 30) expect(Math.abs(effects.yearly[b]! - 1)).toBeLessThan(0.02);
  });
  it("finds a benefit-day lift on days 1–10 of every month, and no day-of-month pattern in noise", () => {
    const noisyPanel = (lift: number) => {
      const random = seededRandom(4);
      return Array.from({ length: 40 }, (_, i): DemandSeries => {
        const units = new Float64Array(730);
        for (let t = 0; t < units.length; t++) units[t] = sampleNegativeBinomial(random, 3 * (dayOfMonthOf(18000 + t) <= 10 ? lift : 1), 5);
        return { id: `n${i}`, firstDay: 18000, units, group: "g" };
      });
    };
    const lifted = estimatePooledEffects(noisyPanel(1.3)).groups.get("g")!.dayOfMonth;
    const ratio = lifted.slice(0, 10).reduce((a, b) => a + b, 0) / 10 / (lifted.slice(10, 28).reduce((a, b) => a + b, 0) / 18);
    expect(ratio).toBeGreaterThan(1.2);
    expect(ratio).toBeLessThan(1.4);
    const flat = estimatePooledEffects(noisyPanel(1)).groups.get("g")!.dayOfMonth;
    for (let d = 0; d < 31; d++) expect(Math.abs(flat[d]! - 1)).toBeLessThan(0.05);
  });
});
