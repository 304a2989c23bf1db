import { beforeAll, describe, expect, it } from "vitest";
import type { Location, Product } from "@prisma/client";
import { db } from "../db";
import { createLocation, createPlanRun, createProduct, createUser } from "../../test/factories";
import { loadQueueOptions } from "./load-queue-options";

let north: Location;
let south: Location;
let crisps: Product;
let milk: Product;

beforeAll(async () => {
  const run = await createPlanRun();
  [north, south] = [await createLocation({ region: "NORTH" }), await createLocation({ region: "SOUTH" })];
  crisps = await createProduct({ category: "SNACKS", name: "Sea salt crisps" });
  milk = await createProduct({ category: "DAIRY", name: "Oat milk" });
  for (const [location, product, method] of [
    [north, crisps, "mean(ses+adida+tsb)"],
    [south, milk, "tsb"],
  ] as const) {
    await db.planRunDriftFinding.create({
      data: { planRunId: run.id, locationId: location.id, productId: product.id, category: product.category, method, moneyAtRisk: 100, confidence: 0.8, bias: 0.4, currentBias: 0.3, trackingSignal: 5, wape: 0.5, backtestDays: 28, passedValueBar: true },
    });
  }
});

describe("loadQueueOptions: the SKU and drift model filters", () => {
  it("offers the models drifting in the viewer's scope, in words, and names a requested one that drifts elsewhere", async () => {
    const manager = await createUser("store_manager", { scopes: [{ kind: "STORE", value: south.code }] });
    expect((await loadQueueOptions(db, manager)).models).toEqual([{ value: "tsb", label: "TSB" }]);
    const asked = await loadQueueOptions(db, manager, { skus: [], models: ["mean(adida + ses + tsb)"] });
    expect(asked.models.map((model) => model.label)).toEqual(["Blend: ADIDA, TSB, exp. smoothing", "TSB"]);
  });

  it("names only the requested SKUs the viewer may see", async () => {
    const snacksPlanner = await createUser("planner", { scopes: [{ kind: "REGION", value: "NORTH" }, { kind: "CATEGORY", value: "SNACKS" }] });
    const options = await loadQueueOptions(db, snacksPlanner, { skus: [crisps.sku, milk.sku], models: [] });
    expect(options.skus).toEqual([{ value: crisps.sku, label: `Sea salt crisps (${crisps.sku})` }]);
    expect(options.models.map((model) => model.value)).toEqual(["mean(adida + ses + tsb)"]);
  });
});
