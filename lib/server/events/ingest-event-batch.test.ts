import { describe, expect, it, vi } from "vitest";
import { db } from "../db";
import { createLocation, createProduct, createUser } from "../../test/factories";
import { createWithPermission } from "../http/with-permission";
import { createApiToken } from "../tokens/create-api-token";
import { revokeApiToken } from "../tokens/revoke-api-token";
import { TokenBuckets } from "../tokens/token-rate-limit";
import { ingestEventBatch, type IngestEventBatchInput } from "./ingest-event-batch";

// The replan runs the engine; these tests are about ingestion, so its trigger is observed, not run.
vi.mock("./incremental-replan-scheduler", () => ({ requestIncrementalReplan: vi.fn() }));

let keySequence = 0;
function input(events: unknown[], key = `key-${++keySequence}-padding`): IngestEventBatchInput {
  return { principal: "token:test", actor: { id: null, role: "api_token", scopes: [], origin: "test" } as const, tokenId: null, idempotencyKey: key, bodyText: JSON.stringify({ events }) };
}

async function stateOf(locationId: number, productId: number) {
  const [sales, stock, events] = await Promise.all([
    db.salesDaily.findMany({ where: { locationId, productId }, orderBy: { date: "asc" } }),
    db.inventoryPosition.findMany({ where: { locationId, productId }, orderBy: { asOf: "asc" } }),
    db.ingestedEvent.count(),
  ]);
  return { sales, stock, events };
}

describe("ingestEventBatch", () => {
  it("leaves identical state when the same batch is replayed three times (same key, and new keys)", async () => {
    const store = await createLocation();
    const product = await createProduct();
    const events = [
      { id: "r-1", type: "sale", occurredAt: "2026-11-20T10:00:00Z", location: store.code, sku: product.sku, units: 3, price: 5, channel: "store" },
      { id: "r-2", type: "sale", occurredAt: "2026-11-20T11:00:00Z", location: store.code, sku: product.sku, units: 2, price: 5, channel: "online" },
      { id: "r-3", type: "inventory_count", occurredAt: "2026-11-20T06:00:00Z", location: store.code, sku: product.sku, onHand: 40 },
    ];
    const first = await ingestEventBatch(db, input(events, "replay-key-1"));
    expect(first.body).toMatchObject({ received: 3, applied: 3, duplicates: 0 });
    const after = await stateOf(store.id, product.id);
    expect(after.sales.map((s) => [s.units, s.revenue])).toEqual([[5, 25]]);

    const sameKey = await ingestEventBatch(db, input(events, "replay-key-1"));
    expect(sameKey).toMatchObject({ replayed: true, body: first.body });
    const otherKey = await ingestEventBatch(db, input(events, "replay-key-2"));
    expect(otherKey.body).toMatchObject({ applied: 0, duplicates: 3 });
    expect(await stateOf(store.id, product.id)).toEqual(after);
  });

  it("refuses the same key with another body (409)", async () => {
    const store = await createLocation();
    const product = await createProduct();
    const sale = { id: "k-1", type: "sale", occurredAt: "2026-11-20T10:00:00Z", location: store.code, sku: product.sku, units: 1, price: 5, channel: "store" };
    await ingestEventBatch(db, input([sale], "conflict-key"));
    await expect(ingestEventBatch(db, input([{ ...sale, id: "k-2" }], "conflict-key"))).rejects.toMatchObject({ status: 409 });
  });

  it("writes nothing of a batch with one bad event and names the event and field", async () => {
    const store = await createLocation();
    const product = await createProduct();
    const before = await stateOf(store.id, product.id);
    const good = { id: "b-1", type: "sale", occurredAt: "2026-11-20T10:00:00Z", location: store.code, sku: product.sku, units: 1, price: 5, channel: "store" };
    const badField = { ...good, id: "b-2", units: 1.5 };
    const unknownSku = { ...good, id: "b-3", sku: "NOPE" };
    await expect(ingestEventBatch(db, input([good, badField]))).rejects.toMatchObject({
      status: 422,
      fieldErrors: { "events.1.units": [expect.stringContaining('event "b-2"')] },
    });
    await expect(ingestEventBatch(db, input([good, unknownSku]))).rejects.toMatchObject({
      status: 422,
      fieldErrors: { "events.1.sku": [expect.stringContaining("unknown sku")] },
    });
    expect(await stateOf(store.id, product.id)).toEqual(before);
    expect(await db.idempotencyRecord.count({ where: { key: { startsWith: "bad" } } })).toBe(0);
  });

  it("refuses a known event id sent again with a different payload", async () => {
    const store = await createLocation();
    const product = await createProduct();
    const sale = { id: "p-1", type: "sale", occurredAt: "2026-11-20T10:00:00Z", location: store.code, sku: product.sku, units: 1, price: 5, channel: "store" };
    await ingestEventBatch(db, input([sale]));
    await expect(ingestEventBatch(db, input([{ ...sale, units: 9 }]))).rejects.toMatchObject({ status: 422, fieldErrors: { "events.0.id": expect.any(Array) } });
  });

  it("ends at the same stock whatever order counts and adjustments arrive in", async () => {
    const product = await createProduct();
    const events = (code: string) => [
      { id: `${code}-count-old`, type: "inventory_count", occurredAt: "2026-11-18T08:00:00Z", location: code, sku: product.sku, onHand: 10 },
      { id: `${code}-count-new`, type: "inventory_count", occurredAt: "2026-11-19T08:00:00Z", location: code, sku: product.sku, onHand: 50 },
      { id: `${code}-adj-before`, type: "inventory_adjustment", occurredAt: "2026-11-19T07:00:00Z", location: code, sku: product.sku, quantity: -5 },
      { id: `${code}-adj-after`, type: "inventory_adjustment", occurredAt: "2026-11-19T12:00:00Z", location: code, sku: product.sku, quantity: -3 },
    ];
    const inOrder = await createLocation();
    const shuffled = await createLocation();
    for (const event of events(inOrder.code)) await ingestEventBatch(db, input([event]));
    const [a, b, c, d] = events(shuffled.code);
    for (const event of [d, b, a, c]) await ingestEventBatch(db, input([event]));
    const current = async (locationId: number) =>
      (await db.inventoryPosition.findFirst({ where: { locationId, productId: product.id }, orderBy: { asOf: "desc" } }))?.onHand;
    expect(await current(inOrder.id)).toBe(47);
    expect(await current(shuffled.id)).toBe(47);
  });

  it("adds return.received events to the day's returns, once per id, marks the series, and never touches sales", async () => {
    const store = await createLocation();
    const product = await createProduct();
    const sale = { id: "ret-sale", type: "sale", occurredAt: "2026-11-20T10:00:00Z", location: store.code, sku: product.sku, units: 4, price: 5, channel: "store" };
    const returns = [
      { id: "ret-1", type: "return.received", occurredAt: "2026-11-21T09:00:00Z", location: store.code, sku: product.sku, units: 2, reason: "wrong size" },
      { id: "ret-2", type: "return.received", occurredAt: "2026-11-21T15:00:00+01:00", location: store.code, sku: product.sku, units: 1 },
    ];
    const result = await ingestEventBatch(db, input([sale, ...returns]));
    expect(result.body).toMatchObject({ received: 3, applied: 3, seriesMarked: 1 });
    const stored = await db.returnDaily.findMany({ where: { locationId: store.id, productId: product.id } });
    expect(stored.map((r) => [r.date.toISOString().slice(0, 10), r.units])).toEqual([["2026-11-21", 3]]);
    expect((await stateOf(store.id, product.id)).sales.map((s) => s.units)).toEqual([4]);
    const ledger = await db.ingestedEvent.findUniqueOrThrow({ where: { id: "ret-1" } });
    expect(ledger).toMatchObject({ type: "return.received", locationId: store.id, productId: product.id, quantity: 2 });

    // A replay under a new key changes nothing; a later return adds to the same day.
    expect((await ingestEventBatch(db, input(returns))).body).toMatchObject({ applied: 0, duplicates: 2 });
    await ingestEventBatch(db, input([{ ...returns[1], id: "ret-3", units: 4 }]));
    expect((await db.returnDaily.findFirstOrThrow({ where: { locationId: store.id, productId: product.id } })).units).toBe(7);
  });

  it.each([
    ["0 units", { units: 0 }, "units"],
    ["fractional units", { units: 1.5 }, "units"],
    ["an unknown sku", { sku: "NOPE" }, "sku"],
    ["a timestamp next year", { occurredAt: "2099-01-01T00:00:00Z" }, "occurredAt"],
  ])("refuses a return.received with %s, naming the event and field, and writes nothing", async (_name, change, field) => {
    const store = await createLocation();
    const product = await createProduct();
    const good = { id: `rg-${field}-${keySequence}`, type: "return.received", occurredAt: "2026-11-21T09:00:00Z", location: store.code, sku: product.sku, units: 1 };
    const bad = { ...good, id: `rb-${field}-${keySequence}`, ...change };
    const before = await db.returnDaily.count();
    await expect(ingestEventBatch(db, input([good, bad]))).rejects.toMatchObject({
      status: 422,
      fieldErrors: { [`events.1.${field}`]: expect.any(Array) },
    });
    expect(await db.returnDaily.count()).toBe(before);
    expect(await db.ingestedEvent.count({ where: { id: good.id } })).toBe(0);
  });

  it("sets a new product's reference from a product event, and refuses an unknown reference naming the field", async () => {
    const existing = await createProduct();
    const supplier = await db.supplier.findUniqueOrThrow({ where: { id: existing.supplierId } });
    const product = (id: string, sku: string, extra: object) => ({
      id, type: "product", occurredAt: "2026-11-20T10:00:00Z", sku, name: "Urban jeans", department: "Apparel", category: "Bottoms", subcategory: "Jeans",
      unitCost: 10, unitPrice: 30, casePack: 1, supplier: supplier.code, ...extra,
    });
    await ingestEventBatch(db, input([product("np-1", "NEWJ1", { referenceSku: existing.sku, referenceFactor: 0.8 })]));
    expect(await db.product.findUniqueOrThrow({ where: { sku: "NEWJ1" }, select: { referenceSku: true, referenceFactor: true } })).toEqual({ referenceSku: existing.sku, referenceFactor: 0.8 });
    await expect(ingestEventBatch(db, input([product("np-2", "NEWJ2", { referenceSku: "NOPE" })]))).rejects.toMatchObject({
      status: 422,
      fieldErrors: { "events.0.referenceSku": [expect.stringContaining("unknown sku")] },
    });
    await expect(ingestEventBatch(db, input([product("np-3", "NEWJ3", { referenceFactor: 0.5 })]))).rejects.toMatchObject({
      status: 422,
      fieldErrors: { "events.0.referenceFactor": expect.any(Array) },
    });
    expect(await db.product.count({ where: { sku: { in: ["NEWJ2", "NEWJ3"] } } })).toBe(0);
  });

  it("keeps the newest purchase-order version when an older one arrives late", async () => {
    const store = await createLocation();
    const product = await createProduct();
    const supplier = await db.supplier.findUniqueOrThrow({ where: { id: product.supplierId } });
    const po = (id: string, at: string, qty: number) => ({
      id, type: "purchase_order", occurredAt: at, poNumber: "PO-EV-1", supplier: supplier.code, destination: store.code,
      orderedAt: "2026-11-10", promisedAt: "2026-11-25", status: "OPEN", lines: [{ lineNo: 1, sku: product.sku, qtyOrdered: qty }],
    });
    await ingestEventBatch(db, input([po("po-v2", "2026-11-12T00:00:00Z", 80)]));
    const late = await ingestEventBatch(db, input([po("po-v1", "2026-11-10T00:00:00Z", 50)]));
    expect(late.body).toMatchObject({ applied: 0, stale: 1 });
    const line = await db.purchaseOrderLine.findFirstOrThrow({ where: { purchaseOrder: { poNumber: "PO-EV-1" } } });
    expect(line.qtyOrdered).toBe(80);
  });
});

describe("API tokens on routes", () => {
  const noSession = createWithPermission(async () => null, new TokenBuckets({ capacity: 2, refillPerSecond: 0.5, db }));
  const GET = noSession("exceptions.read", async () => Response.json({ ok: true }), { tokenScope: "exceptions:read" });
  const call = (secret: string) => GET(new Request("http://localhost/api/v1/x", { headers: { authorization: `Bearer ${secret}` } }), { params: Promise.resolve({}) });

  it("refuses a token without the route's scope, a revoked token, and a token over its rate", async () => {
    const admin = await createUser("admin");
    const writer = await createApiToken(db, admin, { name: "POS feed", scopes: ["events:write"] });
    expect((await call(writer.secret)).status).toBe(403);

    const reader = await createApiToken(db, admin, { name: "ERP reader", scopes: ["exceptions:read"] });
    expect((await call(reader.secret)).status).toBe(200);
    expect((await call(reader.secret)).status).toBe(200);
    const limited = await call(reader.secret);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);

    await revokeApiToken(db, admin, reader.token.id);
    expect((await call(reader.secret)).status).toBe(401);
    expect((await call("sp_not-a-real-token")).status).toBe(401);
    const stored = await db.apiToken.findUniqueOrThrow({ where: { id: reader.token.id } });
    expect(stored.secretHash).not.toContain(reader.secret);
    expect(stored.lastUsedAt).not.toBeNull();
    expect(await db.auditEvent.count({ where: { action: { in: ["api_token.created", "api_token.revoked"] } } })).toBe(3);
  });
});
