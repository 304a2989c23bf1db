import { beforeAll, describe, expect, it } from "vitest";
import type { Location, PlanRun, Product } from "@prisma/client";
import { db } from "../db";
import { ZKpiQuery } from "../../contracts/kpis";
import { createException, createLocation, createPlanRun, createProduct, createUser } from "../../test/factories";
import { groupForecastDrift } from "./group-forecast-drift";
import { resolveKpiSegment } from "./resolve-kpi-segment";

const HOUR = 3_600_000;
let latest: PlanRun;
let stores: Location[];
let drifting: Product;

/** A drift finding of `run` at `store` × `product`. */
function finding(run: PlanRun, store: Location, product: Product, moneyAtRisk: number, passedValueBar: boolean, method = "mean(ses+adida+tsb)") {
  return db.planRunDriftFinding.create({
    data: { planRunId: run.id, locationId: store.id, productId: product.id, category: product.category, method, moneyAtRisk, confidence: 0.7, bias: -0.4, currentBias: -0.3, trackingSignal: -5, wape: 0.5, backtestDays: 28, passedValueBar },
  });
}

beforeAll(async () => {
  const now = Date.now();
  const older = await createPlanRun({ finishedAt: new Date(now - 48 * HOUR) });
  latest = await createPlanRun({ finishedAt: new Date(now - HOUR) });
  // Neither a one-series replan nor a failed run is the network's record, however recent.
  const replan = await createPlanRun({ finishedAt: new Date(now), scope: JSON.stringify({ locationId: 1, productId: 1 }) });
  const failed = await createPlanRun({ status: "failed", finishedAt: new Date(now) });
  stores = [await createLocation({ region: "NORTH" }), await createLocation({ region: "NORTH" }), await createLocation({ region: "SOUTH" })];
  drifting = await createProduct({ category: "SNACKS", name: "Sea salt crisps" });
  const other = await createProduct({ category: "DAIRY", name: "Oat milk" });
  // One SKU drifting at three stores: two past the value bar (in the queue), one below it.
  await finding(latest, stores[0]!, drifting, 300, true);
  await finding(latest, stores[1]!, drifting, 200, true);
  await finding(latest, stores[2]!, drifting, 40, false);
  for (const store of stores.slice(0, 2)) {
    await createException({ planRun: latest, location: store, product: drifting, overrides: { type: "forecast_drift", moneyAtRisk: 250 } });
  }
  // Another SKU below the bar at one store, another model; no exception.
  await finding(latest, stores[0]!, other, 30, false, "tsb");
  // A stock-out is not drift.
  await createException({ planRun: latest, location: stores[1]!, product: other, overrides: { type: "stockout", moneyAtRisk: 9_999 } });
  for (const run of [older, replan, failed]) await finding(run, stores[0]!, other, 5_000, true);
});

describe("groupForecastDrift", () => {
  it("groups the latest network run's record by SKU, category and model, counting drift below the value bar, and links only groups with queue items", async () => {
    const drift = await groupForecastDrift(db, {});
    expect(drift).toMatchObject({ findings: 4, belowValueBar: 2, inQueue: 2, moneyAtRisk: 300 + 200 + 40 + 30 });
    expect(drift.asOf).toBe(latest.asOf.toISOString().slice(0, 10));
    expect(drift.groups.sku.map((row) => [row.label, row.key, row.findings, row.inQueue, row.belowValueBar, row.locations, row.moneyAtRisk])).toEqual([
      ["Sea salt crisps", drifting.sku, 3, 2, 1, 3, 540],
      ["Oat milk", expect.any(String), 1, 0, 1, 1, 30],
    ]);
    expect(drift.groups.category.map((row) => [row.key, row.findings])).toEqual([
      ["SNACKS", 3],
      ["DAIRY", 1],
    ]);
    // Models by name, one blend whatever the order its members were ranked in.
    expect(drift.groups.model.map((row) => [row.label, row.findings])).toEqual([
      ["Blend: ADIDA, TSB, exp. smoothing", 3],
      ["TSB", 1],
    ]);
    // What "in the queue" counts: open or snoozed drift, of the group (list-drift-series.test.ts checks the link lists exactly those).
    const snacks = new URLSearchParams(drift.groups.category[0]!.queueSearch!);
    expect([snacks.get("type"), snacks.get("status"), snacks.get("category")]).toEqual(["forecast_drift", "open,snoozed", "SNACKS"]);
    expect(new URLSearchParams(drift.groups.model[0]!.queueSearch!).get("model")).toBe("mean(adida + ses + tsb)");
    // Monitored only: nothing of it in the queue to link to.
    expect(drift.groups.category[1]!.queueSearch).toBeNull();
    expect(drift.groups.sku[1]!.queueSearch).toBeNull();
  });

  it("shows a store manager only their own store's drift", async () => {
    const manager = await createUser("store_manager", { scopes: [{ kind: "STORE", value: stores[2]!.code }] });
    const segment = await resolveKpiSegment(db, ZKpiQuery.parse({}), { role: manager.role, scopes: manager.scopes });
    const drift = await groupForecastDrift(db, segment.seriesWhere);
    expect(drift).toMatchObject({ findings: 1, belowValueBar: 1, inQueue: 0, moneyAtRisk: 40 });
    expect(drift.groups.sku.map((row) => [row.key, row.locations, row.queueSearch])).toEqual([[drifting.sku, 1, null]]);
  });

  it("respects the segment's filter, and says when there is no record", async () => {
    const south = await groupForecastDrift(db, { locationId: { in: [stores[2]!.id] } });
    expect(south.findings).toBe(1);
    expect(await groupForecastDrift(db, { locationId: { in: [] } })).toMatchObject({ findings: 0, asOf: latest.asOf.toISOString().slice(0, 10) });
  });
});
