import "server-only";
import { createRequire } from "node:module";
import { PrismaClient } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { databaseDialect, databaseUrl } from "../../prisma/database-url";

/** Wait this long for SQLite's write lock instead of failing at once under concurrent writers. */
const BUSY_TIMEOUT_MS = 10_000;
/** Connections per process to PostgreSQL: a web server or worker needs a few, never one per request. */
const POSTGRES_POOL_SIZE = 10;

const prismaOptions = { omit: { user: { passwordHash: true } } } as const;

function createSqliteClient() {
  const adapter = new PrismaBetterSQLite3({ url: databaseUrl(), timeout: BUSY_TIMEOUT_MS });
  // Password hashes never leave the database unless a query selects them explicitly.
  return new PrismaClient({ adapter, ...prismaOptions });
}

/**
 * PostgreSQL goes through a second client generated from the same models with the provider swapped
 * (scripts/prisma-generate.mjs: Prisma generates one client per provider). Its API is the SQLite
 * client's, so the app is typed against one `Db`. Loaded only when DATABASE_URL names PostgreSQL.
 */
function createPostgresqlClient(): Db {
  const require = createRequire(import.meta.url);
  const { PrismaClient: PostgresqlClient } = require(".prisma/client-postgresql") as typeof import("@prisma/client");
  const { PrismaPg } = require("@prisma/adapter-pg") as typeof import("@prisma/adapter-pg");
  const adapter = new PrismaPg({ connectionString: databaseUrl(), max: POSTGRES_POOL_SIZE });
  return new PostgresqlClient({ adapter, ...prismaOptions }) as unknown as Db;
}

export type Db = ReturnType<typeof createSqliteClient>;
/** The client handed to `db.$transaction(async (tx) => …)` callbacks. */
export type DbTransaction = Parameters<Parameters<Db["$transaction"]>[0]>[0];

function createPrismaClient(): Db {
  return databaseDialect() === "postgresql" ? createPostgresqlClient() : createSqliteClient();
}

const globalForPrisma = globalThis as unknown as { stockpilotDb?: Db };

/** One client per process; reused across Next.js hot reloads in development. */
export const db: Db = globalForPrisma.stockpilotDb ?? createPrismaClient();
if (process.env.NODE_ENV === "development") globalForPrisma.stockpilotDb = db;
