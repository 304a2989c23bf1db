import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { ensureAuditKeyFile } from "../lib/server/audit/audit-keys";
import { migratePostgresql } from "../lib/server/db-migrate-postgresql";
import { databaseDialect, databaseUrl, sqliteFile } from "../prisma/database-url";

/**
 * Applies committed migrations (never creates new ones) to DATABASE_URL's database and seeds the
 * default approval policy when there is none. SQLite: `prisma migrate deploy`, then WAL mode so
 * readers never wait for the writer (a property of the file, so setting it once here covers every
 * later connection). PostgreSQL: our own runner over prisma/migrations-postgresql (Prisma's cannot
 * run offline there). Creates the audit key file (outside the database) when no key is configured
 * yet. Safe to rerun.
 */
export async function migrateDatabase() {
  const url = databaseUrl();
  const keyFile = ensureAuditKeyFile();
  if (keyFile) console.log(`Audit key written to ${keyFile} — back it up apart from the database.`);
  if (databaseDialect(url) === "postgresql") {
    const { applied } = await migratePostgresql(url);
    if (applied.length > 0) console.log(`Applied ${applied.length} migration(s): ${applied.join(", ")}`);
  } else {
    const file = sqliteFile(url);
    mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    execFileSync(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "pipe", "inherit"],
    });
    const sqlite = new Database(file);
    sqlite.pragma("journal_mode = WAL");
    sqlite.close();
  }
  const { db } = await import("../lib/server/db");
  const { seedDefaultPolicy } = await import("../lib/server/governance/seed-default-policy");
  if ((await seedDefaultPolicy(db)) === "seeded") console.log("Default approval policy seeded as version 1.");
  await db.$disconnect();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await migrateDatabase();
  // The URL without its credentials.
  console.log(`Database ready: ${databaseUrl().replace(/\/\/[^@/]*@/, "//…@")}`);
}
