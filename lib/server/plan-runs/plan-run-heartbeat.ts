import "server-only";
import { Worker } from "node:worker_threads";
import { databaseDialect, databaseUrl } from "../../../prisma/database-url";

/** How often a running plan says it is alive. */
export const HEARTBEAT_INTERVAL_MS = 5_000;
/** A running plan whose heartbeat is older than this is taken for dead (its worker process is gone). */
export const HEARTBEAT_STALE_MS = 30_000;

/**
 * The heartbeat writer, in its own thread with its own connection: the plan's stages are long
 * synchronous stretches on the main thread (a million series' policies, a streamed snapshot), and a
 * timer there would stop beating exactly when the run is busiest. The thread dies with the process,
 * which is the point: no process, no heartbeat. Dates are written as Prisma writes them: on SQLite
 * ISO 8601 text with an explicit offset, on PostgreSQL a timestamp without time zone in UTC. The
 * clock is the worker's, as for every other date Prisma writes.
 */
const SQLITE_HEARTBEAT_SOURCE = `
const { workerData } = require("node:worker_threads");
const Database = require("better-sqlite3");
const sqlite = new Database(workerData.file, { timeout: 5000 });
const beat = sqlite.prepare('UPDATE "' + workerData.table + '" SET "heartbeatAt" = ? WHERE "id" = ? AND "status" = ?');
const tick = () => {
  try { beat.run(new Date().toISOString().replace("Z", "+00:00"), workerData.runId, "running"); }
  catch (error) { console.error("plan run heartbeat failed", error.message); }
};
tick();
setInterval(tick, workerData.intervalMs);
`;

const POSTGRESQL_HEARTBEAT_SOURCE = `
const { workerData } = require("node:worker_threads");
const pg = require("pg");
const client = new pg.Client({ connectionString: workerData.url });
const connected = client.connect();
const tick = async () => {
  try {
    await connected;
    await client.query(
        'UPDATE "' + workerData.table + '" SET "heartbeatAt" = ($1::timestamptz AT TIME ZONE \\'UTC\\') WHERE "id" = $2 AND "status" = $3',
      [new Date().toISOString(), workerData.runId, "running"],
    );
  } catch (error) { console.error("plan run heartbeat failed", error.message); }
};
tick();
setInterval(tick, workerData.intervalMs);
`;

export interface PlanRunHeartbeat {
  stop(): Promise<void>;
}

/** Starts beating for a claimed run (or a claimed shard of one) until stopped (or until the process ends). */
export function startPlanRunHeartbeat(runId: string, intervalMs = HEARTBEAT_INTERVAL_MS, table: "PlanRun" | "PlanRunShard" = "PlanRun"): PlanRunHeartbeat {
  const url = databaseUrl();
  const postgresql = databaseDialect(url) === "postgresql";
  const worker = new Worker(postgresql ? POSTGRESQL_HEARTBEAT_SOURCE : SQLITE_HEARTBEAT_SOURCE, {
    eval: true,
    workerData: { url, file: url.replace(/^file:/, ""), table, runId, intervalMs },
  });
  worker.unref();
  worker.on("error", (error) => console.error(`plan run ${runId}: heartbeat thread stopped`, error));
  return {
    stop: async () => {
      await worker.terminate();
    },
  };
}
