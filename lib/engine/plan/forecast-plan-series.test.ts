import { describe, expect, it } from "vitest";
import { forecastPanelParallel } from "../forecast/forecast-panel";
import { forecastPlanSeries } from "./forecast-plan-series";
import { indexPlanSnapshot } from "./index-plan-snapshot";
import { buildSmallSnapshot } from "./plan-fixtures";
import type { ForecastStep, PlanSnapshot } from "./plan-types";
import { defaultPlanOptions } from "./run-plan";

/** The fixture network plus two new products at ST1: NEW1 (sold 3 weeks, planner reference SKU1 × 0.8) and DEAD1 (stock, never sold). */
function withNewProducts(): PlanSnapshot {
  const base = buildSmallSnapshot(21);
  const history = base.demand[0]!.units.length;
  const products = base.products.map((p) => ({ ...p, name: `Product ${p.sku}`, category: "Tops" }));
  const newUnits = new Float64Array(history);
  for (let t = history - 21; t < history; t++) newUnits[t] = t % 2;
  return {
    ...base,
    products: [
      ...products,
      { sku: "NEW1", unitCost: 6, unitPrice: 10, casePack: 1, supplierId: "SUP1", name: "Urban jeans", category: "Tops", reference: { sku: "SKU1", factor: 0.8 } },
      { sku: "DEAD1", unitCost: 6, unitPrice: 10, casePack: 1, supplierId: "SUP1", name: "Old stock", category: "Tops" },
    ],
    demand: [
      ...base.demand,
      { id: "ST1|NEW1", firstDay: base.demand[0]!.firstDay, units: newUnits },
      { id: "ST1|DEAD1", firstDay: base.asOf - 27, units: new Float64Array(28) },
    ],
    stock: [...base.stock, { locationId: "ST1", sku: "NEW1", onHand: 20 }, { locationId: "ST1", sku: "DEAD1", onHand: 40 }],
  };
}

describe("forecastPlanSeries", () => {
  it("hands the forecaster each series' product (name, category, price) and the planners' references by series", async () => {
    let seen: Parameters<ForecastStep> | null = null;
    const capture: ForecastStep = async (series, options) => {
      seen = [series, options];
      return [];
    };
    await forecastPlanSeries(indexPlanSnapshot(withNewProducts()), defaultPlanOptions, capture);
    const [series, options] = seen!;
    expect(series.find((s) => s.id === "ST1|NEW1")!.product).toEqual({ sku: "NEW1", name: "Urban jeans", category: "Tops", price: 10 });
    expect(options.references).toEqual(new Map([["ST1|NEW1", { referenceId: "ST1|SKU1", factor: 0.8 }]]));
    expect(options.likeItemsForUnsold).toBeUndefined();
  });

  it("forecasts a new product from its reference × 0.8 and says so with the reference's name; never-sold stock borrows nothing", async () => {
    const forecasts = await forecastPlanSeries(indexPlanSnapshot(withNewProducts()), defaultPlanOptions, (series, options) => forecastPanelParallel(series, { ...options, workers: 1 }));
    const byId = new Map(forecasts.map((f) => [f.id, f]));
    const fresh = byId.get("ST1|NEW1")!;
    const reference = byId.get("ST1|SKU1")!;
    expect(fresh.basedOn).toMatchObject({ seriesIds: ["ST1|SKU1"], factor: 0.8 });
    expect(fresh.basedOn!.text).toMatch(/^based on SKU SKU1 \(Product SKU1\) ×0\.8 \(63 %; own sales 37 %\)$/);
    // 21 days of own sales weigh 21/56; the rest is 0.8 × the reference's forecast.
    const ownWeight = fresh.basedOn!.ownWeight;
    expect(ownWeight).toBeCloseTo(21 / 56, 9);
    // The same panel without the reference and without categories: every series keeps its own forecast.
    const plain = withNewProducts();
    const alone = await forecastPlanSeries(
      indexPlanSnapshot({ ...plain, products: plain.products.map(({ sku, unitCost, unitPrice, casePack, supplierId }) => ({ sku, unitCost, unitPrice, casePack, supplierId })) }),
      defaultPlanOptions,
      (series, options) => forecastPanelParallel(series, { ...options, workers: 1 }),
    );
    const own = alone.find((f) => f.id === "ST1|NEW1")!;
    fresh.mean.forEach((value, h) => expect(value).toBeCloseTo(ownWeight * own.mean[h]! + (1 - ownWeight) * 0.8 * reference.mean[h]!, 6));
    const dead = byId.get("ST1|DEAD1")!;
    expect(dead.basedOn).toBeUndefined();
    expect(Math.max(...dead.mean)).toBe(0);
  });
});
