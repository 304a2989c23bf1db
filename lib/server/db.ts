import "server-only";
import { PrismaClient } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseUrl } from "../../prisma/database-url";

/** Wait this long for SQLite's write lock instead of failing at once under concurrent writers. */
const BUSY_TIMEOUT_MS = 10_000;

function createPrismaClient() {
  const adapter = new PrismaBetterSQLite3({ url: databaseUrl(), timeout: BUSY_TIMEOUT_MS });
  // Password hashes never leave the database unless a query selects them explicitly.
  return new PrismaClient({ adapter, omit: { user: { passwordHash: true } } });
}

export type Db = ReturnType<typeof createPrismaClient>;
/** The client handed to `db.$transaction(async (tx) => …)` callbacks. */
export type DbTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];

const globalForPrisma = globalThis as unknown as { stockpilotDb?: Db };

/** One client per process; reused across Next.js hot reloads in development. */
export const db: Db = globalForPrisma.stockpilotDb ?? createPrismaClient();
if (process.env.NODE_ENV === "development") globalForPrisma.stockpilotDb = db;
