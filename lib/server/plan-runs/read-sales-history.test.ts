import { describe, expect, it } from "vitest";
import { toDayNumber } from "../../engine/calendar";
import { createLocation, createProduct } from "../../test/factories";
import { db } from "../db";
import { readLatestOnHand } from "./read-sales-history";

const day = (iso: string) => new Date(`${iso}T00:00:00.000Z`);

describe("latest stock records", () => {
  it("gives each series its newest record up to the bound, within the filter, and nothing for a series recorded only after it", async () => {
    const store = await createLocation();
    const [weekly, later, other] = [await createProduct(), await createProduct(), await createProduct()];
    await db.inventoryPosition.createMany({
      data: [
        { locationId: store.id, productId: weekly.id, asOf: day("2026-03-01"), onHand: 40 },
        { locationId: store.id, productId: weekly.id, asOf: day("2026-03-08"), onHand: 25 },
        { locationId: store.id, productId: weekly.id, asOf: day("2026-03-15"), onHand: 9 },
        { locationId: store.id, productId: later.id, asOf: day("2026-03-16"), onHand: 70 },
        { locationId: store.id, productId: other.id, asOf: day("2026-03-02"), onHand: 5 },
      ],
    });
    const ours = { productIds: [weekly.id, later.id] };
    expect(await readLatestOnHand(ours, toDayNumber(day("2026-03-15")))).toEqual([[store.id, weekly.id, 9]]);
    expect(await readLatestOnHand(ours, toDayNumber(day("2026-03-14")))).toEqual([[store.id, weekly.id, 25]]);
    expect(await readLatestOnHand(ours, toDayNumber(day("2026-03-20")))).toEqual([
      [store.id, weekly.id, 9],
      [store.id, later.id, 70],
    ]);
  });
});
