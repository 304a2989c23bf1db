/**
 * The database shared by the app, the CLIs and migrations. DATABASE_URL may be "file:./path.db"
 * (SQLite, the embedded default: without it the demo database lives in ./data) or
 * "postgresql://…" / "postgres://…" (PostgreSQL, for several web servers and workers).
 */
export const DEFAULT_DATABASE_URL = "file:./data/stockpilot.db";

export type DatabaseDialect = "sqlite" | "postgresql";

export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
}

export function databaseDialect(url = databaseUrl()): DatabaseDialect {
  return /^postgres(ql)?:\/\//i.test(url) ? "postgresql" : "sqlite";
}

/** The SQLite file of a "file:" URL. */
export function sqliteFile(url = databaseUrl()): string {
  if (databaseDialect(url) !== "sqlite") throw new Error("This step reads the SQLite file directly; DATABASE_URL names a PostgreSQL database.");
  return url.replace(/^file:/, "");
}
