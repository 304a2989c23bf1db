/**
 * The SQLite file shared by the app, the CLIs and migrations. DATABASE_URL may be
 * "file:./path.db"; without it the demo database lives in ./data.
 */
export const DEFAULT_DATABASE_URL = "file:./data/stockpilot.db";

export function databaseUrl(): string {
  return process.env.DATABASE_URL ?? DEFAULT_DATABASE_URL;
}
