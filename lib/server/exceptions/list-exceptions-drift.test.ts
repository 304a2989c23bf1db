import { beforeAll, describe, expect, it } from "vitest";
import type { Exception, Location, PlanRun, Product } from "@prisma/client";
import { db } from "../db";
import { createException, createLocation, createPlanRun, createProduct, createUser } from "../../test/factories";
import { ZExceptionListQuery } from "../../contracts/exceptions";
import { listExceptions, type ExceptionListActor } from "./list-exceptions";

const HOUR = 3_600_000;
const admin: ExceptionListActor = { id: "admin", role: "admin", scopes: [] };
const BLEND = "mean(adida + ses + tsb)";
let north: Location;
let north2: Location;
let south: Location;
let crisps: Product;
let crisps10: Product;
let milk: Product;
const drift = new Map<string, Exception>();
let stockout: Exception;

function finding(run: PlanRun, location: Location, product: Product, method: string) {
  return db.planRunDriftFinding.create({
    data: { planRunId: run.id, locationId: location.id, productId: product.id, category: product.category, method, moneyAtRisk: 100, confidence: 0.8, bias: 0.4, currentBias: 0.3, trackingSignal: 5, wape: 0.5, backtestDays: 28, passedValueBar: true },
  });
}

async function list(actor: ExceptionListActor, query: Record<string, string>): Promise<string[]> {
  const page = await listExceptions(db, actor, ZExceptionListQuery.parse({ status: "open,snoozed", limit: "200", ...query }));
  return page.items.map((item) => item.id).sort();
}
const ids = (...keys: string[]) => keys.map((key) => drift.get(key)!.id).sort();

beforeAll(async () => {
  const now = Date.now();
  const older = await createPlanRun({ finishedAt: new Date(now - 48 * HOUR) });
  const latest = await createPlanRun({ finishedAt: new Date(now - HOUR) });
  // A one-series replan is not the network's record, however recent.
  const replan = await createPlanRun({ finishedAt: new Date(now), scope: JSON.stringify({ locationId: 1, productId: 1 }) });
  [north, north2, south] = [await createLocation({ region: "NORTH" }), await createLocation({ region: "NORTH" }), await createLocation({ region: "SOUTH" })];
  crisps = await createProduct({ sku: "CRISP-1", category: "SNACKS", name: "Sea salt crisps" });
  crisps10 = await createProduct({ sku: "CRISP-10", category: "SNACKS", name: "Paprika crisps" });
  milk = await createProduct({ sku: "MILK-1", category: "DAIRY", name: "Oat milk" });
  // One blend, listed in two fit orders; TSB elsewhere.
  await finding(latest, north, crisps, "mean(ses+adida+tsb)");
  await finding(latest, south, crisps, "mean(tsb+ses+adida)");
  await finding(latest, north2, milk, "tsb");
  await finding(latest, north, crisps10, "tsb");
  // Older and partial runs said otherwise: neither is the record.
  await finding(older, north2, milk, "mean(ses+adida+tsb)");
  await finding(replan, north, crisps10, "mean(ses+adida+tsb)");
  for (const [key, location, product, status] of [
    ["north-crisps", north, crisps, "open"],
    ["south-crisps", south, crisps, "snoozed"],
    ["north2-milk", north2, milk, "open"],
    ["north-crisps10", north, crisps10, "open"],
  ] as const) {
    drift.set(key, await createException({ planRun: latest, location, product, overrides: { type: "forecast_drift", status } }));
  }
  // The same series' stock-out is not drift, whatever its model.
  stockout = await createException({ planRun: latest, location: north, product: crisps, overrides: { type: "stockout" } });
});

describe("listExceptions drift model filter", () => {
  it("lists the drift items of series drifting under the model in the latest network record, whatever order the blend's members were fitted in", async () => {
    expect(await list(admin, { model: BLEND })).toEqual(ids("north-crisps", "south-crisps"));
    expect(await list(admin, { model: "tsb" })).toEqual(ids("north2-milk", "north-crisps10"));
    expect(await list(admin, { model: `${BLEND},tsb` })).toEqual(ids("north-crisps", "south-crisps", "north2-milk", "north-crisps10"));
    // A model nothing drifts under matches nothing, rather than being ignored.
    expect(await list(admin, { model: "croston" })).toEqual([]);
  });

  it("narrows the viewer's scope, never widens it", async () => {
    const storeManager: ExceptionListActor = await createUser("store_manager", { scopes: [{ kind: "STORE", value: south.code }] });
    expect(await list(storeManager, { model: BLEND })).toEqual(ids("south-crisps"));
    expect(await list(storeManager, { model: "tsb" })).toEqual([]);
    // A planner outside the category: the blend drifts only on snacks, so nothing.
    const dairyPlanner: ExceptionListActor = await createUser("planner", { scopes: [{ kind: "REGION", value: "NORTH" }, { kind: "CATEGORY", value: "DAIRY" }] });
    expect(await list(dairyPlanner, { model: BLEND })).toEqual([]);
    expect(await list(dairyPlanner, { model: "tsb" })).toEqual(ids("north2-milk"));
  });

  it("refuses a model name longer than any method's", () => {
    expect(() => ZExceptionListQuery.parse({ model: "x".repeat(201) })).toThrow();
  });
});

describe("listExceptions SKU filter", () => {
  it("matches SKU codes exactly, where the search box matches parts of them", async () => {
    expect(await list(admin, { sku: "CRISP-1" })).toEqual([...ids("north-crisps", "south-crisps"), stockout.id].sort());
    expect(await list(admin, { sku: "CRISP-1", type: "forecast_drift" })).toEqual(ids("north-crisps", "south-crisps"));
    expect(await list(admin, { q: "CRISP-1", type: "forecast_drift" })).toEqual(ids("north-crisps", "south-crisps", "north-crisps10"));
    expect(await list(admin, { sku: "NO-SUCH-SKU" })).toEqual([]);
  });

  it("keeps a planner to their categories", async () => {
    const dairyPlanner: ExceptionListActor = await createUser("planner", { scopes: [{ kind: "REGION", value: "NORTH" }, { kind: "CATEGORY", value: "DAIRY" }] });
    expect(await list(dairyPlanner, { sku: "CRISP-1" })).toEqual([]);
  });
});
