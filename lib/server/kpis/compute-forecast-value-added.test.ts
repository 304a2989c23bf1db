/**
 * Forecast value added end to end on the database: a good and a bad override of the same series,
 * measured against the actuals that arrived, then pooled by planner, category and reason code.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { createLocation, createProduct, createRecommendation, createUser } from "../../test/factories";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { db } from "../db";
import { fromDayNumber, toDayNumber } from "../../engine/calendar";
import { computeForecastValueAdded } from "./compute-forecast-value-added";
import { PLANNER_OVERRIDES, summarizeForecastValueAdded } from "./summarize-forecast-value-added";

const FIRST = toDayNumber(new Date("2026-03-02T00:00:00Z"));

describe("computeForecastValueAdded", () => {
  let locationId: number;
  let goodId: string;
  let badId: string;

  beforeAll(async () => {
    const location = await createLocation();
    const product = await createProduct({ category: "SNACKS" });
    locationId = location.id;
    const alice = await createUser("planner", { name: "Alice" });
    const bob = await createUser("planner", { name: "Bob" });
    // Actuals over days 0–2: 10, 12, 14 (day 3 has no sales row: it sold 0 — but it is after the last sales day).
    for (const [i, units] of [10, 12, 14].entries()) {
      await db.salesDaily.create({ data: { locationId, productId: product.id, date: fromDayNumber(FIRST + i), units, revenue: units * 5 } });
    }
    const window = { locationId, productId: product.id, startDate: fromDayNumber(FIRST), endDate: fromDayNumber(FIRST + 6), statisticalUnits: 6 };
    // Good: 12 a day → |e| 2 + 0 + 2 = 4 against the statistical 4 + 6 + 8 = 18 → +14 units.
    goodId = (await db.forecastOverride.create({ data: { ...window, createdById: alice.id, reasonCode: "promotion", overrideUnits: 12 } })).id;
    // Bad: 2 a day → |e| 8 + 10 + 12 = 30 → −12 units.
    badId = (await db.forecastOverride.create({ data: { ...window, createdById: bob.id, reasonCode: "other", overrideUnits: 2 } })).id;
  });

  it("measures each override over its days with actuals", async () => {
    expect(await computeForecastValueAdded(db, FIRST + 2, new Date())).toBe(2);
    const good = await db.forecastOverrideOutcome.findUniqueOrThrow({ where: { overrideId: goodId } });
    const bad = await db.forecastOverrideOutcome.findUniqueOrThrow({ where: { overrideId: badId } });
    expect(good).toMatchObject({ days: 3, statisticalAbsError: 18, overrideAbsError: 4, valueAddedUnits: 14 });
    expect(bad).toMatchObject({ days: 3, statisticalAbsError: 18, overrideAbsError: 30, valueAddedUnits: -12 });
  });

  it("audits each measurement on the override, with the sign of its value added", async () => {
    const measuredEvents = (overrideId: string) =>
      db.auditEvent.findMany({ where: { action: "forecast.value_added_measured", entityType: "ForecastOverride", entityId: overrideId } });
    const [good] = await measuredEvents(goodId);
    const [bad] = await measuredEvents(badId);
    expect(await measuredEvents(goodId)).toHaveLength(1);
    expect(await measuredEvents(badId)).toHaveLength(1);
    expect(JSON.parse(good!.after!)).toEqual({ statisticalAbsError: 18, overrideAbsError: 4, fva: 14, actualUnits: 36, daysMeasured: 3 });
    expect(JSON.parse(bad!.after!)).toEqual({ statisticalAbsError: 18, overrideAbsError: 30, fva: -12, actualUnits: 36, daysMeasured: 3 });
    expect([good!.reason, bad!.reason]).toEqual(["promotion", "other"]);
    expect(good!.actorRole).toBe("system");
  });

  it("does not measure or audit again until a new day arrives", async () => {
    const before = await db.auditEvent.count();
    expect(await computeForecastValueAdded(db, FIRST + 2, new Date())).toBe(0);
    expect(await db.auditEvent.count()).toBe(before);
    expect(await verifyAuditChain(db)).toMatchObject({ status: "intact" });
  });

  it("pools by planner, category and reason code", async () => {
    const fva = await summarizeForecastValueAdded(db, { locationIds: [locationId] });
    expect(fva.byPlanner.map((r) => [r.group, r.valueAddedUnits])).toEqual([
      ["Alice", 14],
      ["Bob", -12],
    ]);
    expect(fva.byReason.map((r) => r.group)).toEqual(["promotion", "other"]);
    // Both together: statistical 36, overrides 34 → +2 units, 2 / 36 of the statistical error.
    expect(fva.byCategory).toEqual([{ group: "SNACKS", overrides: 2, measured: 2, valueAddedUnits: 2, valueAddedShare: 2 / 36 }]);
    expect(fva.total.valueAddedUnits).toBe(2);
  });

  it("re-measures with a new day of actuals and audits it once more", async () => {
    // Day 3 has no sales row: it sold 0. Good: +|0 − 6| − |0 − 12| = −6 → +8; bad: 6 − 2 = +4 → −8.
    expect(await computeForecastValueAdded(db, FIRST + 3, new Date())).toBe(2);
    const latest = await db.auditEvent.findMany({
      where: { action: "forecast.value_added_measured", entityId: { in: [goodId, badId] } },
      orderBy: { seq: "asc" },
    });
    expect(latest).toHaveLength(4);
    const remeasured = new Map(latest.slice(2).map((e) => [e.entityId, JSON.parse(e.after!) as { fva: number; daysMeasured: number }]));
    expect(remeasured.get(goodId)).toMatchObject({ fva: 8, daysMeasured: 4 });
    expect(remeasured.get(badId)).toMatchObject({ fva: -8, daysMeasured: 4 });
    expect(await verifyAuditChain(db)).toMatchObject({ status: "intact", records: await db.auditEvent.count() });
  });
});

describe("forecast changes from approved recommendations", () => {
  it("are measured like any override but counted apart from the planners': their own line among the reasons", async () => {
    const location = await createLocation();
    const product = await createProduct({ category: "DAIRY" });
    const dana = await createUser("planner", { name: "Dana" });
    const approver = await createUser("planner", { name: "Erin" });
    const change = await createRecommendation({ location, product, recommendation: { actionType: "adjust_forecast", quantity: 5, status: "approved", decidedById: approver.id } });
    for (const [i, units] of [10, 12, 14].entries()) {
      await db.salesDaily.create({ data: { locationId: location.id, productId: product.id, date: fromDayNumber(FIRST + i), units, revenue: units * 5 } });
    }
    const window = { locationId: location.id, productId: product.id, startDate: fromDayNumber(FIRST), endDate: fromDayNumber(FIRST + 6), statisticalUnits: 6 };
    // The planner's: 12 a day → +14 units. The approved change's: 6 + 5 = 11 a day → |e| 1 + 1 + 3 = 5 → +13 units.
    await db.forecastOverride.create({ data: { ...window, createdById: dana.id, reasonCode: "promotion", overrideUnits: 12 } });
    await db.forecastOverride.create({ data: { ...window, createdById: approver.id, reasonCode: "approved_recommendation", overrideUnits: 11, sourceActionId: change.id } });
    await computeForecastValueAdded(db, FIRST + 2, new Date());

    const fva = await summarizeForecastValueAdded(db, { locationIds: [location.id] });
    expect(fva.byPlanner.map((r) => [r.group, r.overrides, r.valueAddedUnits])).toEqual([["Dana", 1, 14]]);
    expect(fva.byCategory.map((r) => [r.group, r.overrides])).toEqual([["DAIRY", 1]]);
    expect(fva.total).toMatchObject({ group: PLANNER_OVERRIDES, overrides: 1, measured: 1, valueAddedUnits: 14 });
    expect(fva.byReason.map((r) => [r.group, r.valueAddedUnits])).toEqual([
      ["promotion", 14],
      ["approved_recommendation", 13],
    ]);
  });
});
