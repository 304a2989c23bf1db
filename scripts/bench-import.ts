/**
 * `npm run bench:import -- [--rows N]`: times the import of an N-row sales file (default 1,000,000)
 * into a fresh temporary database holding the small demo retailer's master data.
 */
import { execFileSync } from "node:child_process";
import { createReadStream, mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { CsvFileWriter } from "../lib/demo/csv-file-writer";
import { generateDemoRetailer } from "../lib/demo/generate-demo-retailer";
import { createPrng } from "../lib/demo/prng";
import { MS_PER_DAY } from "../lib/engine/calendar";

const ZBenchArgs = z.object({ rows: z.coerce.number().int().positive().default(1_000_000), keep: z.boolean().default(false) });
const MASTER_FILES = ["locations", "suppliers", "products"] as const;

async function main() {
  const { values } = parseArgs({ options: { rows: { type: "string" }, keep: { type: "boolean" } } });
  const args = ZBenchArgs.parse(values);
  const dir = mkdtempSync(path.join(tmpdir(), "stockpilot-bench-"));
  // db.ts reads DATABASE_URL when first imported, so the import module is loaded after this.
  process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
  execFileSync("npx", ["prisma", "migrate", "deploy"], { env: process.env, stdio: "ignore" });
  const { importBatch } = await import("../lib/server/imports/import-batch");
  const { db } = await import("../lib/server/db");

  await generateDemoRetailer({ size: "small", seed: 1, endDate: "2025-01-01", outDir: dir });
  const master = await importBatch(db, {
    files: MASTER_FILES.map((kind) => ({ kind, fileName: `${kind}.csv`, open: () => createReadStream(path.join(dir, `${kind}.csv`)) })),
    actor: { id: null, role: "admin", scopes: [], origin: "bench" },
    source: "cli",
  });
  if (master.status !== "succeeded") throw new Error(`master data import failed: ${JSON.stringify(master.error)}`);

  const salesFile = path.join(dir, "sales.csv");
  const written = performance.now();
  await writeSyntheticSales(salesFile, args.rows, dir);
  const sizeBytes = statSync(salesFile).size;
  console.log(`sales.csv: ${args.rows.toLocaleString("en-US")} rows, ${(sizeBytes / 1e6).toFixed(0)} MB, written in ${((performance.now() - written) / 1000).toFixed(1)} s`);

  let peakRss = process.memoryUsage().rss;
  const started = performance.now();
  const cpuBefore = process.cpuUsage();
  const result = await importBatch(db, {
    files: [{ kind: "sales", fileName: "sales.csv", open: () => createReadStream(salesFile), sizeBytes }],
    actor: { id: null, role: "admin", scopes: [], origin: "bench" },
    source: "cli",
    onProgress: ({ rows }) => {
      peakRss = Math.max(peakRss, process.memoryUsage().rss);
      if (rows % 1_000_000 === 0) process.stderr.write(`\r${rows.toLocaleString("en-US")} rows   `);
    },
  });
  const seconds = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpuBefore);
  const cpuSeconds = (cpu.user + cpu.system) / 1e6;
  process.stderr.write("\n");
  if (result.status !== "succeeded") throw new Error(`sales import failed: ${JSON.stringify(result.error)}`);
  const maxRssMb = process.resourceUsage().maxRSS / 1024;
  console.log(`imported ${args.rows.toLocaleString("en-US")} rows in ${seconds.toFixed(1)} s = ${Math.round(args.rows / seconds).toLocaleString("en-US")} rows/s`);
  // On a shared machine wall time depends on the neighbours; CPU time says what the import itself costs.
  console.log(`CPU ${cpuSeconds.toFixed(1)} s = ${Math.round(args.rows / cpuSeconds).toLocaleString("en-US")} rows per CPU-second`);
  console.log(`peak RSS ${Math.max(peakRss / 2 ** 20, maxRssMb).toFixed(0)} MB; database ${(statSync(path.join(dir, "bench.db")).size / 1e6).toFixed(0)} MB`);
  if (args.keep) console.log(`kept ${dir}`);
  else rmSync(dir, { recursive: true, force: true });
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
