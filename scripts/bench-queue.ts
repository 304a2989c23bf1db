/**
 * `npm run bench:queue`: seeds 100k open exceptions (plus closed history) into a temporary
 * database and prints p50/p95 latency of listExceptions — the function behind GET
 * /api/v1/exceptions — for the first page and for filtered, sorted, deeper pages. Target p95 ≤ 100 ms.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Database from "better-sqlite3";
import { seededRandom } from "../lib/engine/seeded-random";
import { MS_PER_DAY } from "../lib/engine/calendar";

const OPEN_EXCEPTIONS = Number(process.env.BENCH_OPEN_EXCEPTIONS ?? 100_000);
const CLOSED_EXCEPTIONS = OPEN_EXCEPTIONS / 5;
const ITERATIONS = 200;
const REGIONS = ["NORTH", "SOUTH", "EAST", "WEST"];
const CATEGORIES = Array.from({ length: 20 }, (_, i) => `CAT${String(i).padStart(2, "0")}`);
const TYPES = ["stockout", "excess", "demand_deviation", "supplier_delay", "promotion_readiness", "inventory_inaccuracy", "forecast_drift"];


function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

async function main() {
  const dir = mkdtempSync(path.join(tmpdir(), "stockpilot-bench-queue-"));
  process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
  try {
    const { migrateDatabase } = await import("./db-migrate");
    await migrateDatabase();
    const { db } = await import("../lib/server/db");
    const { listExceptions } = await import("../lib/server/exceptions/list-exceptions");
    const { ZExceptionListQuery } = await import("../lib/contracts/exceptions");
    const random = seededRandom(42);

    console.log(`Seeding ${OPEN_EXCEPTIONS.toLocaleString("en-US")} open and ${CLOSED_EXCEPTIONS.toLocaleString("en-US")} closed exceptions…`);
    const seedStart = performance.now();
    const supplier = await db.supplier.create({ data: { code: "SUP-1", name: "Supplier", promisedLeadTimeDays: 7 } });
    await db.location.createMany({
      data: Array.from({ length: 400 }, (_, i) => ({ code: `S${i}`, name: `Store ${i}`, type: "STORE", region: REGIONS[i % 4]!, cluster: "urban" })),
    });
    await db.product.createMany({
      data: Array.from({ length: 3000 }, (_, i) => ({
        sku: `SKU${i}`, name: `Product ${i}`, department: "D", category: CATEGORIES[i % 20]!, subcategory: "S",
        unitCost: 2, unitPrice: 5, casePack: 6, supplierId: supplier.id,
      })),
    });
    const locations = await db.location.findMany();
    const products = await db.product.findMany();
    const run = await db.planRun.create({ data: { status: "succeeded", trigger: "cli", asOf: new Date() } });
    const planner = await db.user.create({
      data: { email: "planner@bench", name: "Planner", role: "planner", scopes: { create: [{ kind: "REGION", value: "NORTH" }, { kind: "CATEGORY", value: "CAT03" }, { kind: "CATEGORY", value: "CAT07" }] } },
    });
    // Rows go in through better-sqlite3 directly: seeding is setup, not what is measured, and
    // Prisma's createMany is ~100× slower for 120k wide rows.
    const sqlite = new Database(path.join(dir, "bench.db"));
    const insert = sqlite.prepare(
      `INSERT INTO "Exception" (id, identityKey, type, locationId, productId, region, category, supplierId, status, score, moneyAtRisk,
        urgency, confidence, daysToImpact, tierRequired, summary, drivers, scoreComponents, firstRunId, lastRunId, raisedAt, updatedAt, version)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, '[]', '{}', ?, ?, ?, ?, 1)`,
    );
    const total = OPEN_EXCEPTIONS + CLOSED_EXCEPTIONS;
    sqlite.transaction(() => {
      for (let i = 0; i < total; i += 1) {
        const location = locations[Math.floor(random() * locations.length)]!;
        const product = products[Math.floor(random() * products.length)]!;
        const type = TYPES[i % TYPES.length]!;
        const moneyAtRisk = Math.round(Math.exp(random() * 9) * 100) / 100;
        const confidence = 0.2 + random() * 0.8;
        const days = random() < 0.1 ? null : Math.floor(random() * 30);
        const urgency = 1 / (1 + (days ?? 30) / 7);
        // Prisma's SQLite adapter stores DateTime as ISO text with a +00:00 offset; match it exactly.
        const raisedAt = new Date(Date.now() - Math.floor(random() * 90 * MS_PER_DAY)).toISOString().replace("Z", "+00:00");
        insert.run(
          `bench${String(i).padStart(7, "0")}${Math.floor(random() * 1e9).toString(36)}`, `${type}|${location.id}|${product.id}|bench:${i}`,
          type, location.id, product.id, location.region, product.category, supplier.id, i < OPEN_EXCEPTIONS ? "open" : "closed",
          moneyAtRisk * urgency * confidence, moneyAtRisk, urgency, confidence, days, "planner", `Benchmark exception ${i}`,
          run.id, run.id, raisedAt, raisedAt,
        );
      }
    })();
    sqlite.close();
    // A plan run ends with the same statement, so the planner's statistics match production's.
    await db.$executeRawUnsafe("PRAGMA optimize");
    console.log(`Seeded in ${((performance.now() - seedStart) / 1000).toFixed(1)} s`);

    const admin = { id: "bench-admin", role: "admin", scopes: [] };
    const plannerActor = { id: planner.id, role: "planner", scopes: [{ kind: "REGION" as const, value: "NORTH" }, { kind: "CATEGORY" as const, value: "CAT03" }, { kind: "CATEGORY" as const, value: "CAT07" }] };
    const cases: { name: string; actor: typeof admin | typeof plannerActor; query: Record<string, string>; pages: number }[] = [
      { name: "first page, default sort (score desc), global reader", actor: admin, query: {}, pages: 1 },
      { name: "page 5, sort moneyAtRisk desc, type=stockout,excess", actor: admin, query: { sort: "moneyAtRisk", type: "stockout,excess" }, pages: 5 },
      { name: "page 3, sort daysToImpact asc, region=SOUTH", actor: admin, query: { sort: "daysToImpact", order: "asc", region: "SOUTH" }, pages: 3 },
      { name: "first page, planner scope (region + 2 categories), sort score", actor: plannerActor, query: {}, pages: 1 },
      { name: "page 3, planner scope, type=stockout, sort confidence asc", actor: plannerActor, query: { type: "stockout", sort: "confidence", order: "asc" }, pages: 3 },
      { name: "first page, sort raisedAt desc, minValue=1000", actor: admin, query: { sort: "raisedAt", minValue: "1000" }, pages: 1 },
    ];
    console.log(`\n${"case".padEnd(64)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}  (per page, ${ITERATIONS} runs)`);
    for (const benchCase of cases) {
      const timings: number[] = [];
      for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
        let cursor: string | undefined;
        for (let page = 0; page < benchCase.pages; page += 1) {
          const query = ZExceptionListQuery.parse({ ...benchCase.query, ...(cursor ? { cursor } : {}) });
          const started = performance.now();
          const result = await listExceptions(db, benchCase.actor, query);
          if (page === benchCase.pages - 1) timings.push(performance.now() - started);
          cursor = result.nextCursor ?? undefined;
          if (!cursor) break;
        }
      }
      timings.sort((a, b) => a - b);
      console.log(`${benchCase.name.padEnd(64)} ${percentile(timings, 0.5).toFixed(1).padStart(8)} ${percentile(timings, 0.95).toFixed(1).padStart(8)}`);
    }
    await db.$disconnect();
  } finally {
    if (process.env.BENCH_KEEP_DATABASE) console.log(`Kept ${dir}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}

await main();
