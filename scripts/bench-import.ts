/**
 * `npm run bench:import -- [--rows N] [--db sqlite|postgres] [--demo DIR [--files a,b]] [--threads N] [--keep]`: times
 * the import of an N-row sales file (default 1,000,000) into a fresh database holding the small demo
 * retailer's master data; or, with `--demo DIR`, of a generated demo retailer's whole batch
 * (`npm run demo:data`) — only the files named by `--files`, with the master data — its sales file cut
 * to the first N rows when `--rows` is given. `--db postgres` imports into a new
 * database on the server of STOCKPILOT_BENCH_POSTGRES_URL (or STOCKPILOT_TEST_POSTGRES_URL, set by
 * scripts/with-postgres.sh), through the COPY path, and also prints the server's CPU time. `--threads N`:
 * row-check threads for the large daily files (default: one per core, as `npm run import`; 0 = parse
 * and check on the main thread).
 */
import { execFileSync } from "node:child_process";
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from "node:fs";
import os, { tmpdir } from "node:os";
import path from "node:path";
import { Transform, type Readable } from "node:stream";
import { parseArgs } from "node:util";
import pg from "pg";
import { z } from "zod";
import { CsvFileWriter } from "../lib/demo/csv-file-writer";
import { generateDemoRetailer } from "../lib/demo/generate-demo-retailer";
import { createPrng } from "../lib/demo/prng";
import { MS_PER_DAY } from "../lib/engine/calendar";
import { postgresServerCpuSeconds } from "./lib/postgres-server-cpu";

const ZBenchArgs = z.object({
  rows: z.coerce.number().int().positive().optional(),
  db: z.enum(["sqlite", "postgres"]).default("sqlite"),
  demo: z.string().optional(),
  files: z.string().optional(),
  keep: z.boolean().default(false),
  threads: z.coerce.number().int().min(0).default(os.availableParallelism()),
});
const MASTER_FILES = ["locations", "suppliers", "products"] as const;
const DEMO_FILES = ["locations", "suppliers", "products", "sales", "returns", "inventory", "purchase_orders", "promotions"] as const;
const actor = { id: null, role: "admin", scopes: [], origin: "bench" } as const;

/** A fresh database for the run and how to get rid of it. */
async function benchDatabase(db: "sqlite" | "postgres", dir: string): Promise<{ url: string; drop: () => Promise<void> }> {
  if (db === "sqlite") return { url: `file:${path.join(dir, "bench.db")}`, drop: async () => undefined };
  const admin = process.env.STOCKPILOT_BENCH_POSTGRES_URL ?? process.env.STOCKPILOT_TEST_POSTGRES_URL;
  if (!admin) throw new Error("--db postgres needs STOCKPILOT_BENCH_POSTGRES_URL (a superuser URL), or run it under scripts/with-postgres.sh");
  const name = `stockpilot_bench_import_${process.pid}`;
  const adminQuery = async (sql: string) => {
    const client = new pg.Client({ connectionString: admin });
    await client.connect();
    await client.query(sql).finally(() => client.end());
  };
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = new URL(admin);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** The first `rows` data rows of a CSV file (and its header). */
function firstRows(source: Readable, rows: number): Readable {
  let lines = 0;
  let done = false;
  const cut = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      if (done) return callback();
      let end = 0;
      while (lines <= rows) {
        const next = chunk.indexOf(10, end);
        if (next === -1) return callback(null, chunk);
        end = next + 1;
        lines++;
      }
      done = true;
      source.destroy();
      this.push(chunk.subarray(0, end));
      this.push(null);
      callback();
    },
  });
  return source.pipe(cut);
}

async function main() {
  const { values } = parseArgs({ options: { rows: { type: "string" }, db: { type: "string" }, demo: { type: "string" }, files: { type: "string" }, keep: { type: "boolean" }, threads: { type: "string" } } });
  const args = ZBenchArgs.parse(values);
  const dir = mkdtempSync(path.join(tmpdir(), "stockpilot-bench-"));
  const database = await benchDatabase(args.db, dir);
  // db.ts reads DATABASE_URL when first imported, so the import module is loaded after this.
  process.env.DATABASE_URL = database.url;
  execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/db-migrate.ts"], { env: process.env, stdio: "ignore" });
  const { importBatch } = await import("../lib/server/imports/import-batch");
  const { db } = await import("../lib/server/db");

  let files: { kind: (typeof DEMO_FILES)[number]; fileName: string; open: () => Readable; sizeBytes?: number }[];
  let salesRows: number;
  if (args.demo) {
    const demoDir = args.demo;
    const only = args.files?.split(",");
    const wanted = (kind: (typeof DEMO_FILES)[number]) => !only || only.includes(kind) || (MASTER_FILES as readonly string[]).includes(kind);
    files = DEMO_FILES.filter((kind) => wanted(kind) && existsSync(path.join(demoDir, `${kind}.csv`))).map((kind) => {
      const file = path.join(demoDir, `${kind}.csv`);
      const open = kind === "sales" && args.rows ? () => firstRows(createReadStream(file), args.rows!) : () => createReadStream(file);
      return { kind, fileName: `${kind}.csv`, open, sizeBytes: statSync(file).size };
    });
    salesRows = args.rows ?? 0;
    console.log(`demo batch ${demoDir} (${files.map((file) => file.kind).join(", ")})${args.rows ? `, sales cut to its first ${args.rows.toLocaleString("en-US")} rows` : ""}`);
  } else {
    const rows = args.rows ?? 1_000_000;
    await generateDemoRetailer({ size: "small", seed: 1, endDate: "2025-01-01", outDir: dir });
    const master = await importBatch(db, {
      files: MASTER_FILES.map((kind) => ({ kind, fileName: `${kind}.csv`, open: () => createReadStream(path.join(dir, `${kind}.csv`)) })),
      actor,
      source: "cli",
    });
    if (master.status !== "succeeded") throw new Error(`master data import failed: ${JSON.stringify(master.error)}`);
    const salesFile = path.join(dir, "sales.csv");
    const written = performance.now();
    await writeSyntheticSales(salesFile, rows, dir);
    const sizeBytes = statSync(salesFile).size;
    console.log(`sales.csv: ${rows.toLocaleString("en-US")} rows, ${(sizeBytes / 1e6).toFixed(0)} MB, written in ${((performance.now() - written) / 1000).toFixed(1)} s`);
    files = [{ kind: "sales", fileName: "sales.csv", open: () => createReadStream(salesFile), sizeBytes }];
    salesRows = rows;
  }

  console.log(`database ${args.db}; ${args.threads} row-check thread(s); load average ${os.loadavg().map((load) => load.toFixed(1)).join(" ")} at the start`);
  let peakRss = process.memoryUsage().rss;
  const serverCpuBefore = args.db === "postgres" ? await postgresServerCpuSeconds(database.url) : null;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  let millionsShown = 0;
  const result = await importBatch(db, {
    files,
    actor,
    source: "cli",
    rowCheckThreads: args.threads > 0 ? { threads: args.threads } : undefined,
    onProgress: ({ kind, rows }) => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      if (kind !== "sales" || Math.floor(rows / 1_000_000) === millionsShown) return;
      millionsShown = Math.floor(rows / 1_000_000);
      process.stderr.write(`\r${rows.toLocaleString("en-US")} sales rows, ${((performance.now() - started) / 1000).toFixed(0)} s   `);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  const serverCpuAfter = args.db === "postgres" ? await postgresServerCpuSeconds(database.url) : null;
  process.stderr.write("\n");
  if (result.status !== "succeeded") throw new Error(`import failed: ${JSON.stringify(result.error)}`);
  const rows = Object.values(result.rows).reduce((sum, n) => sum + (n ?? 0), 0);
  salesRows = result.rows.sales ?? salesRows;
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`imported ${rows.toLocaleString("en-US")} rows (${salesRows.toLocaleString("en-US")} sales) in ${seconds.toFixed(1)} s = ${Math.round(rows / seconds).toLocaleString("en-US")} rows/s`);
  // On a shared machine wall time depends on the neighbours; CPU time says what the import itself costs.
  console.log(`CPU ${cpuSeconds.toFixed(1)} s = ${Math.round(rows / cpuSeconds).toLocaleString("en-US")} rows per CPU-second (this process)`);
  if (serverCpuBefore !== null && serverCpuAfter !== null) console.log(`PostgreSQL server CPU ${(serverCpuAfter - serverCpuBefore).toFixed(1)} s`);
  const size = args.db === "sqlite" ? `${(statSync(path.join(dir, "bench.db")).size / 1e6).toFixed(0)} MB` : "see pg_database_size";
  console.log(`peak RSS ${Math.max(peakRss / 2 ** 20, maxRssMb).toFixed(0)} MB; database ${size}; load average ${os.loadavg().map((load) => load.toFixed(1)).join(" ")} at the end`);
  await db.$disconnect();
  if (args.keep) console.log(`kept ${dir} (${database.url})`);
  else {
    await database.drop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Cycles day by day over every selling location × SKU of the small demo, so keys never repeat. */
async function writeSyntheticSales(file: string, rows: number, demoDir: string) {
  const { readFileSync } = await import("node:fs");
  const codes = (name: string, type?: (cells: string[]) => boolean) =>
    readFileSync(path.join(demoDir, `${name}.csv`), "utf8")
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split(","))
      .filter((cells) => type?.(cells) ?? true)
      .map((cells) => cells[0]!);
  const locations = codes("locations", (cells) => cells[2] !== "DC");
  const skus = codes("products");
  const random = createPrng(1, "bench-sales");
  const out = new CsvFileWriter(file, ["date", "location", "sku", "units", "revenue", "on_promo", "stockout"]);
  const perDay = locations.length * skus.length;
  const start = Date.UTC(2000, 0, 1);
  for (let n = 0; n < rows; n++) {
    const day = Math.floor(n / perDay);
    const date = new Date(start + day * MS_PER_DAY).toISOString().slice(0, 10);
    const units = random.poisson(3);
    const row = [date, locations[Math.floor((n % perDay) / skus.length)]!, skus[n % skus.length]!, units, (units * 4.99).toFixed(2), random.next() < 0.05 ? 1 : 0, units === 0 ? 1 : 0];
    if (out.add(row)) await out.flush();
  }
  await out.close();
}

await main();
