/**
 * `npm run bench:plan-e2e -- --size small|medium|large [--db sqlite|postgres] [--workers N] [--shards N] [--seed N] [--keep]`
 *
 * One plan run end to end — snapshot, forecast, planning, persist, publish — on a copy of a
 * database holding the demo retailer of that size, through the same door and worker code the app
 * uses. Prints per-stage wall time, rows written per table and the peak RSS of the process that ran
 * the plan. The imported database is prepared once per size and seed (generate + import in child
 * processes, so their memory is not counted) and copied for every run: SQLite under data/bench/,
 * PostgreSQL as a database `stockpilot_bench_<size>_seed<N>` on the server named by
 * STOCKPILOT_BENCH_POSTGRES_URL (a superuser URL; copies are `CREATE DATABASE … TEMPLATE`).
 * `--workers N` (N > 1): the run is cut into N shards (groups of whole suppliers); this process
 * coordinates and plans shards, and N − 1 `npm run worker` processes plan the others. Their peak RSS
 * and CPU are read from /proc before they are stopped. `--shards N` cuts the run into more shards than
 * there are workers (default: one per worker), so each process holds only a shard's series at a time:
 * a large network's run in two processes needs about twenty shards to stay within memory.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import pg from "pg";
import { z } from "zod";
import { DEMO_SIZE_NAMES } from "../lib/demo/demo-sizes";
import { postgresServerCpuSeconds } from "./lib/postgres-server-cpu";

const ZArgs = z.object({
  size: z.enum(DEMO_SIZE_NAMES).default("medium"),
  db: z.enum(["sqlite", "postgres"]).default("sqlite"),
  seed: z.coerce.number().int().default(1),
  workers: z.coerce.number().int().min(1).max(16).default(1),
  shards: z.coerce.number().int().min(1).max(64).optional(),
  keep: z.boolean().default(false),
});
type BenchArgs = z.infer<typeof ZArgs>;
/** A fixed end date keeps the prepared data identical between machines and days. */
const END_DATE = "2026-11-28";
const BENCH_DIR = path.join(process.cwd(), "data", "bench");

function run(script: string, args: string[], env: NodeJS.ProcessEnv) {
  execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", script, ...args], { env, stdio: ["ignore", "inherit", "inherit"] });
}

/** Generates the demo CSVs (once) and imports them into `url`, timing the import. */
function generateAndImport(args: BenchArgs, url: string) {
  const csvDir = path.join(BENCH_DIR, `${args.size}-seed${args.seed}-csv`);
  const env = { ...process.env, DATABASE_URL: url };
  let started = performance.now();
  if (!existsSync(path.join(csvDir, "sales.csv"))) run("scripts/demo-data.ts", ["--size", args.size, "--seed", String(args.seed), "--out", csvDir, "--end-date", END_DATE], env);
  console.log(`generate: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  run("scripts/db-migrate.ts", [], env);
  started = performance.now();
  run("scripts/import.ts", [csvDir], env);
  console.log(`import:   ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** Where a benchmark run's database comes from, and how its rows are counted. */
interface BenchDatabase {
  /** A fresh copy of the prepared database for one run. */
  copy(): Promise<string>;
  counts(url: string): Promise<Map<string, number>>;
  drop(url: string): Promise<void>;
}

function sqliteBench(args: BenchArgs): BenchDatabase {
  const base = path.join(BENCH_DIR, `${args.size}-seed${args.seed}.db`);
  if (!existsSync(base)) {
    const building = `${base}.building`;
    rmSync(building, { force: true });
    generateAndImport(args, `file:${building}`);
    // The import queues a plan run; the benchmark starts from data only.
    const sqlite = new Database(building);
    sqlite.exec("DELETE FROM PlanRun WHERE status = 'queued'");
    sqlite.pragma("wal_checkpoint(TRUNCATE)");
    sqlite.close();
    copyFileSync(building, base);
    rmSync(building, { force: true });
  }
  return {
    async copy() {
      const file = path.join(BENCH_DIR, `run-${process.pid}.db`);
      copyFileSync(base, file);
      return `file:${file}`;
    },
    async counts(url) {
      const sqlite = new Database(url.replace(/^file:/, ""), { readonly: true });
      const tables = sqlite.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '\\_%' ESCAPE '\\' AND name NOT LIKE 'sqlite%'").all() as { name: string }[];
      const counts = new Map(tables.map(({ name }) => [name, (sqlite.prepare(`SELECT count(*) AS n FROM "${name}"`).get() as { n: number }).n]));
      sqlite.close();
      return counts;
    },
    async drop(url) {
      for (const suffix of ["", "-wal", "-shm"]) rmSync(`${url.replace(/^file:/, "")}${suffix}`, { force: true });
    },
  };
}

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

function databaseUrlOf(admin: string, database: string): string {
  const url = new URL(admin);
  url.pathname = `/${database}`;
  return url.toString();
}

async function postgresBench(args: BenchArgs): Promise<BenchDatabase> {
  const admin = process.env.STOCKPILOT_BENCH_POSTGRES_URL;
  if (!admin) throw new Error("--db postgres needs STOCKPILOT_BENCH_POSTGRES_URL, a superuser URL of a PostgreSQL server (e.g. postgresql://postgres@127.0.0.1:5432/postgres).");
  const base = `stockpilot_bench_${args.size}_seed${args.seed}`;
  const exists = async (name: string) => withClient(admin, async (c) => (await c.query("SELECT 1 FROM pg_database WHERE datname = $1", [name])).rowCount === 1);
  if (!(await exists(base))) {
    const building = `${base}_building`;
    await withClient(admin, async (c) => {
      await c.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await c.query(`CREATE DATABASE "${building}"`);
    });
    generateAndImport(args, databaseUrlOf(admin, building));
    await withClient(databaseUrlOf(admin, building), async (c) => {
      await c.query(`DELETE FROM "PlanRun" WHERE status = 'queued'`);
      await c.query("VACUUM ANALYZE");
    });
    await withClient(admin, (c) => c.query(`ALTER DATABASE "${building}" RENAME TO "${base}"`));
  }
  return {
    async copy() {
      const name = `stockpilot_bench_run_${process.pid}`;
      await withClient(admin, async (c) => {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.query(`CREATE DATABASE "${name}" TEMPLATE "${base}"`);
      });
      return databaseUrlOf(admin, name);
    },
    async counts(url) {
      return withClient(url, async (c) => {
        const { rows } = await c.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename NOT LIKE '\\_%'`);
        const counts = new Map<string, number>();
        for (const { name } of rows) counts.set(name, Number((await c.query<{ n: string }>(`SELECT count(*) AS n FROM "${name}"`)).rows[0]!.n));
        return counts;
      });
    },
    async drop(url) {
      const name = new URL(url).pathname.slice(1);
      await withClient(admin, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
    },
  };
}

/** Peak RSS (VmHWM) and CPU time (user + system) of a live Linux process. */
function processUsage(pid: number): { peakKb: number; cpuSeconds: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  // utime and stime are fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux).
  const cpuSeconds = (Number(fields[11]) + Number(fields[12])) / 100;
  return { peakKb, cpuSeconds };
}

async function main() {
  const { values } = parseArgs({ options: { size: { type: "string" }, db: { type: "string" }, seed: { type: "string" }, workers: { type: "string" }, shards: { type: "string" }, keep: { type: "boolean" } } });
  const args = ZArgs.parse(values);
  mkdirSync(BENCH_DIR, { recursive: true });
  const bench = args.db === "postgres" ? await postgresBench(args) : sqliteBench(args);
  const url = await bench.copy();
  run("scripts/db-migrate.ts", [], { ...process.env, DATABASE_URL: url });
  const before = await bench.counts(url);
  // db.ts reads DATABASE_URL when first imported: load the server modules only now.
  process.env.DATABASE_URL = url;
  const { db } = await import("../lib/server/db");
  const { requestPlanRun } = await import("../lib/server/plan-runs/request-plan-run");
  const { executePlanRun } = await import("../lib/server/plan-runs/execute-plan-run");

  // The other plan workers: separate processes that take shards of the run as it is under way.
  const workers: ChildProcess[] = [];
  for (let i = 1; i < args.workers; i++) {
    workers.push(spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/worker.ts"], { env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "ignore", "inherit"] }));
  }

  const rssBefore = process.memoryUsage().rss;
  const serverCpuBefore = args.db === "postgres" ? await postgresServerCpuSeconds(url) : null;
  const cpuBefore = process.cpuUsage();
  const started = performance.now();
  const requested = await requestPlanRun(db, { trigger: "cli", origin: "bench:plan-e2e" });
  // CPU time per stage (all threads of this process, so the forecast's worker threads count too).
  const marks: { stage: string; cpu: number; wall: number }[] = [];
  const mark = (stage: string) => {
    const usage = process.cpuUsage(cpuBefore);
    marks.push({ stage, cpu: (usage.user + usage.system) / 1000, wall: performance.now() - started });
  };
  const outcome = await executePlanRun(db, requested.id, { onStage: mark, onFollowUp: mark, shards: args.shards ?? args.workers });
  mark("end");
  const wall = performance.now() - started;
  const cpu = process.cpuUsage(cpuBefore);
  const serverCpuAfter = args.db === "postgres" ? await postgresServerCpuSeconds(url) : null;
  const workerUsage = workers.map((worker) => processUsage(worker.pid!));
  for (const worker of workers) worker.kill("SIGKILL");
  const planRun = await db.planRun.findUniqueOrThrow({ where: { id: requested.id } });
  const shards = await db.planRunShard.findMany({ where: { planRunId: requested.id }, orderBy: { shardNo: "asc" }, select: { shardNo: true, workerId: true, attempts: true, startedAt: true, finishedAt: true, result: true } });
  await db.$disconnect();
  const after = await bench.counts(url);
  if (!args.keep) await bench.drop(url);

  const seconds = (ms: number | undefined) => (ms === undefined ? "—" : `${(ms / 1000).toFixed(1)} s`);
  const timings = JSON.parse(planRun.stageTimings ?? "{}") as Record<string, number>;
  console.log(`\n== plan run end to end: ${args.size} demo (seed ${args.seed}), ${args.db}, run ${planRun.id} ${outcome.status} ==`);
  if (planRun.error) console.log(`error: ${planRun.error}`);
  console.log("stage            wall       cpu");
  marks.slice(0, -1).forEach(({ stage, cpu: cpuAt, wall: wallAt }, index) => {
    const next = marks[index + 1]!;
    console.log(`${stage.padEnd(12)} ${seconds(next.wall - wallAt).padStart(9)} ${seconds(next.cpu - cpuAt).padStart(9)}`);
  });
  console.log(`wall split: ${["policy", "allocation", "exceptions", "publish"].map((stage) => `${stage} ${seconds(timings[stage])}`).join(", ")}; run to published ${seconds(timings.total)}`);
  console.log(`${"wall".padEnd(12)} ${seconds(wall).padStart(9)}`);
  // Wall time depends on what else the machine runs; CPU time (all threads of this process) much less.
  // With PostgreSQL the server's own CPU is in other processes: printed apart when the server is local.
  console.log(`${"cpu".padEnd(12)} ${seconds((cpu.user + cpu.system) / 1000).padStart(9)}  (user + system, all threads of this process; load average ${os.loadavg()[0]!.toFixed(1)} at the end)`);
  if (serverCpuBefore !== null && serverCpuAfter !== null) console.log(`${"server cpu".padEnd(12)} ${seconds((serverCpuAfter - serverCpuBefore) * 1000).padStart(9)}  (the PostgreSQL server's processes, every connection)`);
  console.log(`counts: ${planRun.counts}`);
  console.log("rows written (net new rows per table):");
  let total = 0;
  for (const [table, count] of after) {
    const added = count - (before.get(table) ?? 0);
    if (added === 0) continue;
    total += added;
    console.log(`  ${table.padEnd(22)} ${added.toLocaleString("en-US").padStart(10)}`);
  }
  console.log(`  ${"total".padEnd(22)} ${total.toLocaleString("en-US").padStart(10)}`);
  console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB (RSS before the run ${(rssBefore / 2 ** 20).toFixed(0)} MB)`);
  if (shards.length > 0) {
    for (const shard of shards) {
      const timings = JSON.stringify((JSON.parse(shard.result ?? "{}") as { timings?: unknown }).timings ?? {});
      console.log(`  shard ${shard.shardNo + 1}: ${shard.workerId}, attempts ${shard.attempts}, ${((shard.finishedAt!.getTime() - shard.startedAt!.getTime()) / 1000).toFixed(1)} s wall, stages ms ${timings}`);
    }
    workerUsage.forEach((usage, i) => console.log(`other worker ${i + 1}: peak RSS ${(usage.peakKb / 1024).toFixed(0)} MB, cpu ${usage.cpuSeconds.toFixed(1)} s`));
  }
  if (outcome.status !== "succeeded") process.exitCode = 1;
}

await main();
