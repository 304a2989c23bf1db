import { describe, expect, it } from "vitest";
import type { DemandSeries } from "../types";
import { forecastPanel } from "./forecast-panel";

const HORIZON = 14;
const DAYS = 400;

/** A steady seller of `rate` units a day (every day, so the level is unambiguous). */
function steady(id: string, rate: number, price: number, category = "shoes"): DemandSeries {
  return { id, firstDay: 19000, units: new Float64Array(DAYS).fill(rate), group: "store-1", product: { sku: id, category, price } };
}

/** Listed but new: no sale yet, or one a day for the last `days`. */
function launched(id: string, days: number, price: number, rate = 1): DemandSeries {
  const units = new Float64Array(DAYS);
  for (let t = DAYS - days; t < DAYS; t++) units[t] = rate;
  return { id, firstDay: 19000, units, group: "store-1", product: { sku: id, category: "shoes", price } };
}

const total = (values: Float64Array) => values.reduce((a, b) => a + b, 0);

describe("borrowFromLikeItems", () => {
  const like = [steady("A40", 4, 40), steady("B48", 6, 48), steady("C100", 30, 100), steady("D45-bags", 50, 45, "bags")];

  it("forecasts a product without history like the planner's reference × factor, and says so", () => {
    const panel = [...like, launched("NEW", 0, 45)];
    const forecasts = forecastPanel(panel, { horizon: HORIZON, references: new Map([["NEW", { referenceId: "B48", factor: 0.8 }]]) });
    const reference = forecasts[1]!;
    const product = forecasts[4]!;
    expect(total(product.mean)).toBeCloseTo(0.8 * total(reference.mean), 9);
    expect(product.basedOn?.text).toBe("based on SKU B48 ×0.8");
    expect(product.method).toBe("like-items");
    expect(product.quantiles.find((q) => q.level === 0.9)!.values[0]).toBeGreaterThan(0);
  });

  it("without a reference, a listed new product borrows from like items of the same category and price band only", () => {
    const forecasts = forecastPanel([...like, launched("NEW", 0, 45)], { horizon: HORIZON, likeItemsForUnsold: true });
    const product = forecasts[4]!;
    expect(product.basedOn?.seriesIds.sort()).toEqual(["A40", "B48"]);
    // The mean of the 4- and 6-a-day sellers, not the 30-a-day one in another band nor the bags.
    expect(total(product.mean) / HORIZON).toBeGreaterThan(4);
    expect(total(product.mean) / HORIZON).toBeLessThan(6);
  });

  it("by default, a series that never sold borrows nothing without a reference (dead stock, a DC's nil sales)", () => {
    const forecasts = forecastPanel([...like, launched("NEW", 0, 45)], { horizon: HORIZON });
    expect(forecasts[4]!.basedOn).toBeUndefined();
    expect(total(forecasts[4]!.mean)).toBe(0);
  });

  it("blends towards the product's own sales as they come in (weight = days sold / 56)", () => {
    const reference = new Map([["NEW", { referenceId: "C100", factor: 1 }]]);
    const forecasts = forecastPanel([...like, launched("NEW", 28, 45, 2)], { horizon: HORIZON, references: reference });
    const product = forecasts[4]!;
    expect(product.basedOn?.ownWeight).toBeCloseTo(0.5, 9);
    expect(product.basedOn?.text).toBe("based on SKU C100 ×1 (50 %; own sales 50 %)");
    const daily = total(product.mean) / HORIZON;
    expect(daily).toBeGreaterThan(2);
    expect(daily).toBeLessThan(30);
  });

  it("leaves established series and products older than 8 weeks alone", () => {
    const forecasts = forecastPanel([...like, launched("OLD", 60, 45)], { horizon: HORIZON, references: new Map([["OLD", { referenceId: "C100", factor: 2 }]]) });
    for (const forecast of forecasts) expect(forecast.basedOn).toBeUndefined();
  });
});
