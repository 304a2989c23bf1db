import { execFileSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import path from "node:path";
import Database from "better-sqlite3";
import { ensureAuditKeyFile } from "../lib/server/audit/audit-keys";
import { databaseUrl } from "../prisma/database-url";

/**
 * Applies committed migrations (`prisma migrate deploy`; never creates new ones), puts the SQLite
 * file in WAL mode so readers never wait for the writer (a property of the file, so setting it once
 * here covers every later connection), and seeds the default approval policy when there is none.
 * Creates the audit key file (outside the database) when no key is configured yet. Safe to rerun.
 */
export async function migrateDatabase() {
  const url = databaseUrl();
  const keyFile = ensureAuditKeyFile();
  if (keyFile) console.log(`Audit key written to ${keyFile} — back it up apart from the database.`);
  const file = url.replace(/^file:/, "");
  mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  execFileSync(path.join("node_modules", ".bin", "prisma"), ["migrate", "deploy"], {
    env: { ...process.env, DATABASE_URL: url },
    stdio: ["ignore", "pipe", "inherit"],
  });
  const sqlite = new Database(file);
  sqlite.pragma("journal_mode = WAL");
  sqlite.close();
  const { db } = await import("../lib/server/db");
  const { seedDefaultPolicy } = await import("../lib/server/governance/seed-default-policy");
  if ((await seedDefaultPolicy(db)) === "seeded") console.log("Default approval policy seeded as version 1.");
  await db.$disconnect();
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await migrateDatabase();
  console.log(`Database ready: ${databaseUrl()}`);
}
