import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createLocation, createProduct } from "../../test/factories";
import { fromDayNumber, toDayNumber } from "../../engine/calendar";
import { loadPlanInputs } from "./load-plan-inputs";

describe("the plan's date", () => {
  it("is never moved past today by a future-dated sales row already in the database", async () => {
    const location = await createLocation();
    const product = await createProduct();
    const today = toDayNumber(new Date());
    const sale = (day: number, units: number) => ({ locationId: location.id, productId: product.id, date: fromDayNumber(day), units, revenue: units, onPromo: false });
    await db.salesDaily.createMany({ data: [sale(today - 2, 3), sale(today - 1, 4), { ...sale(0, 1000), date: new Date("2099-01-01T00:00:00.000Z") }] });
    const inputs = await loadPlanInputs(db, null);
    expect(inputs.snapshot.asOf).toBe(today - 1);
    expect(toDayNumber(inputs.planDate)).toBeLessThanOrEqual(today);
  });
});
