import { beforeAll, describe, expect, it } from "vitest";
import type { Exception, Location, PlanRun, Product } from "@prisma/client";
import { db } from "../db";
import { DRIFT_GROUPINGS, ZKpiQuery } from "../../contracts/kpis";
import { ZExceptionListQuery } from "../../contracts/exceptions";
import type { ScopedActor } from "../../contracts/permissions";
import { createException, createLocation, createPlanRun, createProduct, createUser } from "../../test/factories";
import { listExceptions } from "../exceptions/list-exceptions";
import { groupForecastDrift } from "./group-forecast-drift";
import { listDriftSeries } from "./list-drift-series";
import { resolveKpiSegment } from "./resolve-kpi-segment";

const BLEND = "mean(adida + ses + tsb)";
let latest: PlanRun;
let north: Location;
let north2: Location;
let south: Location;
let dc: Location;
let crisps: Product;
let milk: Product;
const queued = new Map<string, Exception>();

function finding(location: Location, product: Product, method: string, moneyAtRisk: number, passedValueBar: boolean) {
  return db.planRunDriftFinding.create({
    data: { planRunId: latest.id, locationId: location.id, productId: product.id, category: product.category, method, moneyAtRisk, confidence: 0.8, bias: 0.42, currentBias: -0.3, trackingSignal: 5, wape: 0.5, backtestDays: 28, passedValueBar },
  });
}

beforeAll(async () => {
  latest = await createPlanRun();
  [north, north2, south] = [await createLocation({ region: "NORTH", name: "Northgate" }), await createLocation({ region: "NORTH", name: "Northfield" }), await createLocation({ region: "SOUTH", name: "Southbank" })];
  // The region's DC: the whole network's record has it, the region's stores and online node do not.
  dc = await createLocation({ region: "NORTH", type: "DC", name: "North DC" });
  crisps = await createProduct({ category: "SNACKS", name: "Sea salt crisps" });
  milk = await createProduct({ category: "DAIRY", name: "Oat milk" });
  await finding(north, crisps, "mean(ses+adida+tsb)", 300, true);
  await finding(north2, crisps, "mean(tsb+ses+adida)", 40, false);
  await finding(south, crisps, "tsb", 200, true);
  await finding(north, milk, "tsb", 150, true);
  await finding(dc, crisps, "mean(ses+adida+tsb)", 500, true);
  for (const [location, product, status] of [
    [north, crisps, "open"],
    [south, crisps, "snoozed"],
    [north, milk, "open"],
    [dc, crisps, "open"],
  ] as const) {
    queued.set(`${location.id}|${product.id}`, await createException({ planRun: latest, location, product, overrides: { type: "forecast_drift", status } }));
  }
});

async function viewers(): Promise<[string, ScopedActor, Record<string, string>][]> {
  const admin = { role: "admin", scopes: [] };
  const manager = await createUser("store_manager", { scopes: [{ kind: "STORE", value: north.code }] });
  const snacksPlanner = await createUser("planner", { scopes: [{ kind: "REGION", value: "NORTH" }, { kind: "CATEGORY", value: "SNACKS" }] });
  return [
    ["an admin, whole network", admin, {}],
    ["an admin, one region", admin, { region: "NORTH" }],
    ["an admin, stores only", admin, { channel: "stores" }],
    ["an admin, one store and category", admin, { region: "NORTH", location: north.code, category: "SNACKS" }],
    ["a store manager", manager, {}],
    ["a planner of one region and category", snacksPlanner, {}],
  ];
}

describe("drift groups' links", () => {
  it("every group's queue link lists exactly the group's series in the queue, and its series page lists the same ones as queued", async () => {
    for (const [who, actor, kpiQuery] of await viewers()) {
      const segment = await resolveKpiSegment(db, ZKpiQuery.parse(kpiQuery), actor);
      const drift = await groupForecastDrift(db, segment.seriesWhere);
      const queueIds = async (search: string) =>
        (await listExceptions(db, { id: "viewer", ...actor }, ZExceptionListQuery.parse({ ...Object.fromEntries(new URLSearchParams(search)), limit: "200" }))).items.map((item) => item.id).sort();
      let linked = 0;
      for (const grouping of DRIFT_GROUPINGS) {
        for (const row of drift.groups[grouping]) {
          const result = await listDriftSeries(db, segment, grouping, row.key);
          if (result.status !== "ok") throw new Error(`${who}: ${grouping} ${row.key} is ${result.status}`);
          const series = result.list.rows.map((item) => item.exceptionId).filter((id): id is string => id !== null).sort();
          expect(result.list.rows.length, `${who}: ${grouping} ${row.key}`).toBe(row.findings);
          expect(series.length, `${who}: ${grouping} ${row.key}`).toBe(row.inQueue);
          expect(result.list.queueSearch).toBe(row.queueSearch);
          if (!row.queueSearch) continue;
          expect(await queueIds(row.queueSearch), `${who}: ${grouping} ${row.key}`).toEqual(series);
          linked += 1;
        }
      }
      expect(linked, who).toBeGreaterThan(0);
      expect((await queueIds(drift.queueSearch!)).length, who).toBe(drift.inQueue);
    }
  });

  it("the model group keeps to its model: the blend's queue link lists neither the TSB series nor the stock-out of a blend series", async () => {
    await createException({ planRun: latest, location: north, product: crisps, overrides: { type: "stockout" } });
    const drift = await groupForecastDrift(db, {});
    const blend = drift.groups.model.find((row) => row.key === BLEND)!;
    expect(blend.label).toBe("Blend: ADIDA, TSB, exp. smoothing");
    const page = await listExceptions(db, { id: "admin", role: "admin", scopes: [] }, ZExceptionListQuery.parse(Object.fromEntries(new URLSearchParams(blend.queueSearch!))));
    expect(page.items.map((item) => [item.type, item.location.name, item.product.name]).sort()).toEqual([
      ["forecast_drift", "North DC", "Sea salt crisps"],
      ["forecast_drift", "Northgate", "Sea salt crisps"],
    ]);
  });
});

describe("listDriftSeries", () => {
  it("lists the group's series, largest money at risk first, saying which are in the queue and which are monitored", async () => {
    const result = await listDriftSeries(db, await resolveKpiSegment(db, ZKpiQuery.parse({ region: "NORTH" }), { role: "admin", scopes: [] }), "model", BLEND);
    expect(result.status).toBe("ok");
    if (result.status !== "ok") return;
    expect(result.list).toMatchObject({ label: "Blend: ADIDA, TSB, exp. smoothing", inQueue: 1, belowValueBar: 1, moneyAtRisk: 340 });
    expect(result.list.rows.map((row) => [row.location.name, row.product.name, row.model, row.bias, row.exceptionId, row.passedValueBar])).toEqual([
      ["Northgate", "Sea salt crisps", "Blend: ADIDA, TSB, exp. smoothing", 0.42, queued.get(`${north.id}|${crisps.id}`)!.id, true],
      ["Northfield", "Sea salt crisps", "Blend: ADIDA, TSB, exp. smoothing", 0.42, null, false],
    ]);
  });

  it("shows a store manager only their store's series", async () => {
    const manager = await createUser("store_manager", { scopes: [{ kind: "STORE", value: south.code }] });
    const segment = await resolveKpiSegment(db, ZKpiQuery.parse({}), manager);
    const result = await listDriftSeries(db, segment, "sku", crisps.sku);
    expect(result.status === "ok" && result.list.rows.map((row) => row.location.name)).toEqual(["Southbank"]);
    const blend = await listDriftSeries(db, segment, "model", BLEND);
    expect(blend.status === "ok" && blend.list.rows).toEqual([]);
  });

  it("answers not-found for a SKU or category outside a planner's categories, as for an unknown one", async () => {
    const dairyPlanner = await createUser("planner", { scopes: [{ kind: "REGION", value: "NORTH" }, { kind: "CATEGORY", value: "DAIRY" }] });
    const segment = await resolveKpiSegment(db, ZKpiQuery.parse({}), dairyPlanner);
    expect((await listDriftSeries(db, segment, "category", "SNACKS")).status).toBe("not-found");
    expect((await listDriftSeries(db, segment, "sku", crisps.sku)).status).toBe("not-found");
    expect((await listDriftSeries(db, segment, "sku", "NO-SUCH-SKU")).status).toBe("not-found");
    const dairy = await listDriftSeries(db, segment, "category", "DAIRY");
    expect(dairy.status === "ok" && dairy.list.rows.map((row) => [row.location.name, row.product.name])).toEqual([["Northgate", "Oat milk"]]);
    // The TSB group holds a southern crisps series too: the planner sees only their own.
    const tsb = await listDriftSeries(db, segment, "model", "tsb");
    expect(tsb.status === "ok" && tsb.list.rows.map((row) => row.product.name)).toEqual(["Oat milk"]);
  });
});
