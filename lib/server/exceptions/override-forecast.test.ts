import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createException, createLocation, createPlanRun, createUser } from "../../test/factories";
import { isoDay, toDayNumber } from "../../engine/calendar";
import { overrideForecast } from "./override-forecast";

describe("a planner's forecast override", () => {
  it("keeps the forecast it replaces: at a DC its own, not the demand its stores pull through it", async () => {
    const dc = await createLocation({ type: "DC", region: "NORTH" });
    const planRun = await createPlanRun();
    const exception = await createException({ planRun, location: dc });
    const first = toDayNumber(planRun.asOf);
    const days = (units: number) => Array<number>(28).fill(units);
    const chart = {
      historyFirstDay: first - 1, sales: [30], forecastFirstDay: first, mean: days(30), p10: days(20), p90: days(40), median: days(0), pessimistic: days(0),
      safetyStock: 1, reorderPoint: 2, orderUpToLevel: 3, onHand: 4, poArrivals: [], promotions: [], overrides: [], method: "ets", demandClass: "smooth", accuracy: null,
      pulledThrough: { suppliedLocations: 5 }, ownMean: days(2),
    };
    await db.planRunSeries.create({ data: { planRunId: planRun.id, locationId: dc.id, productId: exception.productId, data: JSON.stringify(chart) } });
    const planner = await createUser("planner", { scopes: [{ kind: "REGION", value: "NORTH" }, { kind: "CATEGORY", value: "SNACKS" }] });
    const { overrideId } = await overrideForecast(db, planner, exception.id, { startDate: isoDay(first), endDate: isoDay(first + 6), dailyUnits: 5, reasonCode: "event" });
    expect(await db.forecastOverride.findUniqueOrThrow({ where: { id: overrideId } })).toMatchObject({ createdById: planner.id, sourceActionId: null, overrideUnits: 5, statisticalUnits: 2 });
  });
});
