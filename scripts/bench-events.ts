/**
 * `npm run bench:events`: on a temporary database with a synthetic network (1 DC, 20 stores,
 * 100 SKUs, 120 days of sales), measures
 *   1. event → exception latency: a demand spike (sales far above normal, and a low count) is
 *      posted for one series; the clock stops when the queue query (listExceptions, the function
 *      behind GET /api/v1/exceptions) returns a stockout or demand-deviation exception for it;
 *   2. ingestion throughput: one 10 000-event sales batch through ingestEventBatch (the function
 *      behind POST /api/v1/events, after auth), then the same batch replayed under a new key;
 *   3. streaming: 100 000 sales as one NDJSON stream through ingestEventStream (the function behind
 *      POST /api/v1/events with Content-Type application/x-ndjson), generated lazily in 64 KiB
 *      pieces so the body is never whole in memory; prints events/s and the process's peak RSS.
 * The latency is measured first: the replan scheduler's first pass starts at once, later ones are
 * debounced (STOCKPILOT_REPLAN_DEBOUNCE_MS, default 2 s), which adds up to that much under a stream.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { MS_PER_DAY } from "../lib/engine/calendar";
import { seededRandom } from "../lib/engine/seeded-random";

const STORES = 20;
const SKUS = 100;
const HISTORY_DAYS = 120;
const BATCH_EVENTS = Number(process.env.BENCH_EVENTS ?? 10_000);
const STREAM_EVENTS = Number(process.env.BENCH_STREAM_EVENTS ?? 100_000);


/** The text Prisma's SQLite adapter stores for a DateTime (see lib/server/imports/batched-upsert.ts). */
const sqlDate = (ms: number) => new Date(ms).toISOString().replace("Z", "+00:00");

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "stockpilot-bench-events-"));
  const file = path.join(dir, "bench.db");
  process.env.DATABASE_URL = `file:${file}`;
  try {
    const { migrateDatabase } = await import("./db-migrate");
    await migrateDatabase();
    const random = seededRandom(7);
    const today = Math.floor(Date.now() / MS_PER_DAY) * MS_PER_DAY;
    const lastDay = today - MS_PER_DAY;

    // Seeding is setup, not what is measured: straight through better-sqlite3.
    const sqlite = new Database(file);
    sqlite.transaction(() => {
      sqlite.prepare(`INSERT INTO "Supplier" (code, name, promisedLeadTimeDays, updatedAt) VALUES ('SUP1', 'Supplier', 7, ?)`).run(sqlDate(today));
      const location = sqlite.prepare(`INSERT INTO "Location" (code, name, type, region, cluster, sourceDcCode, updatedAt) VALUES (?, ?, ?, 'NORTH', 'urban', ?, ?)`);
      location.run("DC1", "DC", "DC", null, sqlDate(today));
      for (let s = 0; s < STORES; s += 1) location.run(`S${s}`, `Store ${s}`, "STORE", "DC1", sqlDate(today));
      const product = sqlite.prepare(
        `INSERT INTO "Product" (sku, name, department, category, subcategory, unitCost, unitPrice, casePack, supplierId, updatedAt) VALUES (?, ?, 'D', 'SNACKS', 'S', 2, 5, 6, 1, ?)`,
      );
      for (let p = 0; p < SKUS; p += 1) product.run(`SKU${p}`, `Product ${p}`, sqlDate(today));
      const sale = sqlite.prepare(`INSERT INTO "SalesDaily" (locationId, productId, date, units, revenue, onPromo) VALUES (?, ?, ?, ?, ?, 0)`);
      const stock = sqlite.prepare(`INSERT INTO "InventoryPosition" (locationId, productId, asOf, onHand) VALUES (?, ?, ?, ?)`);
      for (let l = 2; l <= STORES + 1; l += 1) {
        for (let p = 1; p <= SKUS; p += 1) {
          for (let d = HISTORY_DAYS; d >= 1; d -= 1) {
            const units = Math.round(3 + random() * 4);
            sale.run(l, p, sqlDate(today - d * MS_PER_DAY), units, units * 5);
          }
          stock.run(l, p, sqlDate(lastDay), 60);
        }
      }
      for (let p = 1; p <= SKUS; p += 1) stock.run(1, p, sqlDate(lastDay), 2_000);
    })();
    sqlite.close();

    const { db } = await import("../lib/server/db");
    const { ingestEventBatch } = await import("../lib/server/events/ingest-event-batch");
    const { ingestEventStream } = await import("../lib/server/events/ingest-event-stream");
    const { listExceptions } = await import("../lib/server/exceptions/list-exceptions");
    const { ZExceptionListQuery } = await import("../lib/contracts/exceptions");
    const actor = { id: null, role: "api_token", scopes: [], origin: "bench" } as const;
    const input = (events: unknown[], key: string) => ({ principal: "token:bench", actor, tokenId: null, idempotencyKey: key, bodyText: JSON.stringify({ events }) });
    const at = (ms: number) => new Date(ms).toISOString();

    // 1. Event → exception: a spike of 30 sales × 8 units today at S0 / SKU0 (normal ≈ 5 a day) and a count of 4 left.
    const spike = [
      ...Array.from({ length: 30 }, (_, i) => ({ id: `spike-${i}`, type: "sale", occurredAt: at(today + (8 * 3600 + i * 60) * 1000), location: "S0", sku: "SKU0", units: 8, price: 5, channel: "online" })),
      { id: "spike-count", type: "inventory_count", occurredAt: at(today + 9 * 3600 * 1000), location: "S0", sku: "SKU0", onHand: 4 },
    ];
    const query = ZExceptionListQuery.parse({ location: "S0", limit: "200" });
    const reader = { id: "bench", role: "executive", scopes: [] };
    const latencyStart = performance.now();
    const ingested = await ingestEventBatch(db, input(spike, "bench-spike-0001"));
    const ingestMs = performance.now() - latencyStart;
    let found: { type: string; summary: string } | undefined;
    while (!found && performance.now() - latencyStart < 300_000) {
      const page = await listExceptions(db, reader, query);
      found = page.items.find((item) => item.product.sku === "SKU0" && (item.type === "stockout" || item.type === "demand_deviation"));
      if (!found) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const latencyMs = performance.now() - latencyStart;
    if (!found) throw new Error("no exception for the spiked series within 5 minutes");
    console.log(`event → exception: ${(latencyMs / 1000).toFixed(2)} s (ingest ${ingestMs.toFixed(0)} ms of it; ${ingested.body.applied} events; exception: ${found.type} — ${found.summary.slice(0, 100)})`);

    // Let the replan pass finish so it does not share the throughput measurement.
    while ((await db.planRun.count({ where: { status: { in: ["queued", "running"] } } })) > 0) await new Promise((resolve) => setTimeout(resolve, 50));

    // 2. Throughput: 10 000 sales spread over every store × SKU, today.
    const events = Array.from({ length: BATCH_EVENTS }, (_, i) => ({
      id: `tp-${i}`,
      type: "sale",
      occurredAt: at(today + 10 * 3600 * 1000 + i),
      location: `S${i % STORES}`,
      sku: `SKU${Math.floor(i / STORES) % SKUS}`,
      units: 1 + (i % 3),
      price: 5,
      channel: i % 2 === 0 ? "store" : "online",
    }));
    let start = performance.now();
    const first = await ingestEventBatch(db, input(events, "bench-throughput-1"));
    const firstMs = performance.now() - start;
    start = performance.now();
    const replay = await ingestEventBatch(db, input(events, "bench-throughput-2"));
    const replayMs = performance.now() - start;
    const rate = (n: number, ms: number) => Math.round((n / ms) * 1000).toLocaleString("en-US");
    console.log(`ingest ${BATCH_EVENTS.toLocaleString("en-US")} sales events in one batch: ${(firstMs / 1000).toFixed(2)} s → ${rate(BATCH_EVENTS, firstMs)} events/s (applied ${first.body.applied}, ${first.body.seriesMarked} series marked)`);
    console.log(`replay of the same batch under a new key: ${(replayMs / 1000).toFixed(2)} s → ${rate(BATCH_EVENTS, replayMs)} events/s (duplicates ${replay.body.duplicates}, applied ${replay.body.applied})`);

    // 3. Streaming: 100 000 sales as NDJSON, one transaction, built line by line as the stream is read.
    const encoder = new TextEncoder();
    let next = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        let text = "";
        while (next < STREAM_EVENTS && text.length < 65_536) {
          const i = next++;
          text += `${JSON.stringify({ id: `nd-${i}`, type: "sale", occurredAt: at(today + 11 * 3600 * 1000 + i), location: `S${i % STORES}`, sku: `SKU${Math.floor(i / STORES) % SKUS}`, units: 1 + (i % 3), price: 5, channel: "store" })}\n`;
        }
        if (text) controller.enqueue(encoder.encode(text));
        if (next >= STREAM_EVENTS) controller.close();
      },
    });
    const rssBefore = process.memoryUsage().rss;
    start = performance.now();
    const streamed = await ingestEventStream(db, { principal: "token:bench", actor, tokenId: null, idempotencyKey: "bench-stream-1", body });
    const streamMs = performance.now() - start;
    const peakRssMb = process.resourceUsage().maxRSS / 1024;
    console.log(
      `ingest ${STREAM_EVENTS.toLocaleString("en-US")} sales events as one NDJSON stream: ${(streamMs / 1000).toFixed(2)} s → ${rate(STREAM_EVENTS, streamMs)} events/s ` +
        `(applied ${streamed.body.applied}, ${streamed.body.seriesMarked} series marked); peak RSS ${peakRssMb.toFixed(0)} MB (RSS before the stream ${(rssBefore / 1024 ** 2).toFixed(0)} MB)`,
    );
    await db.$disconnect();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
process.exit(0);
