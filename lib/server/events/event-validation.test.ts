import { describe, expect, it, vi } from "vitest";
import { db } from "../db";
import { createLocation, createProduct } from "../../test/factories";
import { ingestEventBatch, type IngestEventBatchInput } from "./ingest-event-batch";

vi.mock("./incremental-replan-scheduler", () => ({ requestIncrementalReplan: vi.fn() }));

let keySequence = 0;
function input(events: unknown[]): IngestEventBatchInput {
  return { principal: "token:test", actor: { id: null, role: "api_token", scopes: [], origin: "test" } as const, tokenId: null, idempotencyKey: `validation-${++keySequence}-key`, bodyText: JSON.stringify({ events }) };
}

const counts = async () => ({ sales: await db.salesDaily.count(), events: await db.ingestedEvent.count(), products: await db.product.count() });

describe("event validation: refused with the event index and field, nothing written", () => {
  it.each([
    ["a sale dated 2099", (l: string, s: string) => ({ id: "d-1", type: "sale", occurredAt: "2099-01-01T10:00:00Z", location: l, sku: s, units: 1, price: 5, channel: "store" }), "events.1.occurredAt"],
    ["a sale dated 1901", (l: string, s: string) => ({ id: "d-2", type: "sale", occurredAt: "1901-01-01T10:00:00Z", location: l, sku: s, units: 1, price: 5, channel: "store" }), "events.1.occurredAt"],
    ["a price of 400 digits", (l: string, s: string) => ({ id: "d-3", type: "sale", occurredAt: "2026-11-20T10:00:00Z", location: l, sku: s, units: 1, price: `${"9".repeat(400)}`, channel: "store" }), "events.1.price"],
  ])("%s", async (_name, bad, key) => {
    const store = await createLocation();
    const product = await createProduct();
    const good = { id: `ok-${keySequence}`, type: "sale", occurredAt: "2026-11-20T10:00:00Z", location: store.code, sku: product.sku, units: 1, price: 5, channel: "store" };
    const before = await counts();
    const body = JSON.stringify({ events: [good, bad(store.code, product.sku)] }).replace(`"${"9".repeat(400)}"`, "9".repeat(400));
    await expect(ingestEventBatch(db, { ...input([]), bodyText: body })).rejects.toMatchObject({ status: 422, fieldErrors: { [key]: expect.any(Array) } });
    expect(await counts()).toEqual(before);
  });

  it("refuses NUL and terminal-control characters in a product name", async () => {
    const before = await counts();
    for (const name of ["Bre\u0000ad", "\u001b[2JBread"]) {
      const product = { id: `p-${name.length}-${keySequence}`, type: "product", occurredAt: "2026-11-20T10:00:00Z", sku: `NEW-${keySequence}`, name, department: "Grocery", category: "Bakery", subcategory: "Bread", unitCost: 1, unitPrice: 2, casePack: 6, supplier: "SUP1" };
      await expect(ingestEventBatch(db, input([product]))).rejects.toMatchObject({ status: 422, fieldErrors: { "events.0.name": [expect.stringContaining("control character")] } });
    }
    expect(await counts()).toEqual(before);
  });

  it("refuses a return that would make a day's sales negative, naming the return", async () => {
    const store = await createLocation();
    const product = await createProduct();
    const sale = { id: "s-1", type: "sale", occurredAt: "2026-11-21T10:00:00Z", location: store.code, sku: product.sku, units: 3, price: 5, channel: "store" };
    await ingestEventBatch(db, input([sale]));
    const before = await counts();
    const bigReturn = { ...sale, id: "s-2", units: -1000 };
    await expect(ingestEventBatch(db, input([bigReturn]))).rejects.toMatchObject({
      status: 422,
      fieldErrors: { "events.0.units": [expect.stringContaining("cannot be negative")] },
    });
    expect(await counts()).toEqual(before);
    const day = await db.salesDaily.findFirstOrThrow({ where: { locationId: store.id, productId: product.id } });
    expect(day.units).toBe(3);
    // A return within what the day sold is fine.
    await ingestEventBatch(db, input([{ ...sale, id: "s-3", units: -2 }]));
    expect((await db.salesDaily.findFirstOrThrow({ where: { locationId: store.id, productId: product.id } })).units).toBe(1);
  });
});
