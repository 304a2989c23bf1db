import { describe, expect, it, vi } from "vitest";
import { db } from "../db";
import { createLocation, createProduct } from "../../test/factories";
import { ingestEventStream } from "./ingest-event-stream";

// The replan runs the engine; these tests are about ingestion, so its trigger is observed, not run.
vi.mock("./incremental-replan-scheduler", () => ({ requestIncrementalReplan: vi.fn() }));

const LINES = 25_000;

/** Streams the lines in 64 KiB pieces that cut through lines, as a network would. */
function ndjson(lines: (line: number) => unknown, count: number): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let line = 1;
  let carry = new Uint8Array(0);
  return new ReadableStream({
    pull(controller) {
      let text = "";
      while (line <= count && text.length < 65_536) text += `${JSON.stringify(lines(line++))}\n`;
      const bytes = encoder.encode(text);
      const joined = new Uint8Array(carry.length + bytes.length);
      joined.set(carry);
      joined.set(bytes, carry.length);
      if (line > count) {
        controller.enqueue(joined);
        controller.close();
        return;
      }
      const cut = joined.length - 7; // split mid-line
      controller.enqueue(joined.subarray(0, cut));
      carry = joined.slice(cut);
    },
  });
}

const input = (body: ReadableStream<Uint8Array>, key: string) => ({ principal: "token:test", actor: { id: null, role: "api_token", scopes: [], origin: "test" } as const, tokenId: null, idempotencyKey: key, body });

async function setup(prefix: string) {
  const stores = await Promise.all([createLocation(), createLocation(), createLocation()]);
  const products = await Promise.all([createProduct(), createProduct()]);
  const sale = (line: number) => ({
    id: `${prefix}-${line}`,
    type: "sale",
    occurredAt: new Date(Date.UTC(2026, 10, 20, 8) + line * 1000).toISOString(),
    location: stores[line % 3]!.code,
    sku: products[line % 2]!.sku,
    units: 1 + (line % 2),
    price: 2,
    channel: "store",
  });
  return { stores, products, sale };
}

describe("ingestEventStream", () => {
  it("applies a 25 000-line stream in one transaction, and a replay under the same key writes nothing", async () => {
    const { sale, stores } = await setup("ok");
    const ours = { locationId: { in: stores.map((s) => s.id) } };
    const first = await ingestEventStream(db, input(ndjson(sale, LINES), "stream-key-1"));
    expect(first).toMatchObject({ replayed: false, body: { received: LINES, applied: LINES, duplicates: 0, stale: 0, seriesMarked: 6 } });
    expect(await db.ingestedEvent.count({ where: { id: { startsWith: "ok-" } } })).toBe(LINES);
    const units = await db.salesDaily.aggregate({ where: ours, _sum: { units: true, revenue: true } });
    // Odd lines sell 2 units, even lines 1.
    expect(units._sum.units).toBe(LINES / 2 + LINES);
    expect(units._sum.revenue).toBe((LINES / 2 + LINES) * 2);

    const audits = await db.auditEvent.count({ where: { action: "events.ingested" } });
    const replay = await ingestEventStream(db, input(ndjson(sale, LINES), "stream-key-1"));
    expect(replay).toEqual({ status: 200, body: first.body, replayed: true });
    expect(await db.ingestedEvent.count({ where: { id: { startsWith: "ok-" } } })).toBe(LINES);
    expect((await db.salesDaily.aggregate({ where: ours, _sum: { units: true } }))._sum.units).toBe(units._sum.units);
    expect(await db.auditEvent.count({ where: { action: "events.ingested" } })).toBe(audits);

    // Same key, another body: refused. A new key: every event is a duplicate.
    await expect(ingestEventStream(db, input(ndjson(sale, 10), "stream-key-1"))).rejects.toMatchObject({ status: 409 });
    const again = await ingestEventStream(db, input(ndjson(sale, 3_000), "stream-key-2"));
    expect(again.body).toMatchObject({ received: 3_000, applied: 0, duplicates: 3_000 });
  });

  it("writes nothing of a stream with one bad line at 17 000 and names the line, event and field", async () => {
    const { sale, stores } = await setup("bad");
    const lines = (line: number) => (line === 17_000 ? { ...sale(line), units: 1.5 } : sale(line));
    await expect(ingestEventStream(db, input(ndjson(lines, LINES), "stream-bad-1"))).rejects.toMatchObject({
      status: 422,
      fieldErrors: { "line.17000.units": [expect.stringContaining('event "bad-17000"')] },
    });
    const ours = { locationId: { in: stores.map((s) => s.id) } };
    expect(await db.ingestedEvent.count({ where: { id: { startsWith: "bad-" } } })).toBe(0);
    expect(await db.salesDaily.count({ where: ours })).toBe(0);
    expect(await db.dirtySeries.count({ where: ours })).toBe(0);
    expect(await db.idempotencyRecord.count({ where: { key: "stream-bad-1" } })).toBe(0);
  });

  it("names a line that is not JSON, refuses an empty stream, and lets later lines use codes defined earlier", async () => {
    const { sale } = await setup("defs");
    const broken = new Blob([`${JSON.stringify(sale(1))}\n{"id": nope\n`]).stream();
    await expect(ingestEventStream(db, input(broken, "stream-bad-2"))).rejects.toMatchObject({ status: 422, fieldErrors: { "line.2._": ["is not valid JSON"] } });
    await expect(ingestEventStream(db, input(new Blob(["\n\n"]).stream(), "stream-empty"))).rejects.toMatchObject({ status: 422 });

    const location = { id: "loc-new", type: "location", occurredAt: "2026-11-20T00:00:00Z", code: "S-NEW", name: "New store", locationType: "STORE", region: "NORTH", cluster: "urban" };
    const later = (line: number) => (line === 1 ? location : { ...sale(line), location: "S-NEW" });
    const outcome = await ingestEventStream(db, input(ndjson(later, 4_500), "stream-defs-1"));
    expect(outcome.body).toMatchObject({ received: 4_500, applied: 4_500 });
  });
});
