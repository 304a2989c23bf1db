import { beforeAll, describe, expect, it } from "vitest";
import type { PlanRun } from "@prisma/client";
import { db } from "../db";
import { createException, createLocation, createPlanRun, createProduct } from "../../test/factories";
import { groupForecastDrift } from "./group-forecast-drift";

let run: PlanRun;

beforeAll(async () => {
  run = await createPlanRun();
  const stores = [await createLocation({ region: "NORTH" }), await createLocation({ region: "NORTH" }), await createLocation({ region: "SOUTH" })];
  const drifting = await createProduct({ category: "SNACKS" });
  const other = await createProduct({ category: "DAIRY" });
  // One SKU drifting at three stores (model ets), another at one store (model tsb); plus a stock-out that is not drift.
  for (const [index, store] of stores.entries()) {
    await createException({ planRun: run, location: store, product: drifting, overrides: { identityKey: `forecast_drift|${store.id}|${drifting.id}`, type: "forecast_drift", moneyAtRisk: 100 + index } });
    await db.planRunForecast.create({ data: { planRunId: run.id, locationId: store.id, productId: drifting.id, week: 0, weekStart: new Date(), mean: 1, p10: 0, p90: 2, method: "ets" } });
  }
  await createException({ planRun: run, location: stores[0]!, product: other, overrides: { identityKey: `forecast_drift|${stores[0]!.id}|${other.id}`, type: "forecast_drift", moneyAtRisk: 50 } });
  await db.planRunForecast.create({ data: { planRunId: run.id, locationId: stores[0]!.id, productId: other.id, week: 0, weekStart: new Date(), mean: 1, p10: 0, p90: 2, method: "tsb" } });
  await createException({ planRun: run, location: stores[1]!, product: other, overrides: { identityKey: `stockout|${stores[1]!.id}|${other.id}`, type: "stockout", moneyAtRisk: 9_999 } });
});

describe("groupForecastDrift", () => {
  it("groups open drift by SKU, category and model, largest money first, and leaves other types out", async () => {
    const drift = await groupForecastDrift(db, {}, run.id);
    expect(drift.open).toBe(4);
    expect(drift.moneyAtRisk).toBe(100 + 101 + 102 + 50);
    expect(drift.groups.sku.map((row) => [row.exceptions, row.locations, row.moneyAtRisk])).toEqual([
      [3, 3, 303],
      [1, 1, 50],
    ]);
    expect(drift.groups.category.map((row) => row.key)).toEqual(["SNACKS", "DAIRY"]);
    expect(drift.groups.model.map((row) => [row.key, row.exceptions])).toEqual([
      ["ets", 3],
      ["tsb", 1],
    ]);
    expect(new URLSearchParams(drift.groups.category[0]!.queueSearch).get("type")).toBe("forecast_drift");
  });

  it("respects the segment's exception filter", async () => {
    const south = await groupForecastDrift(db, { region: "SOUTH" }, run.id);
    expect(south.open).toBe(1);
  });
});
