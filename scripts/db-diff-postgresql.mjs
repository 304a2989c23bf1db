// `npm run db:diff-postgresql -- <old prisma/schema.prisma> <NNNN_name>`: writes the PostgreSQL
// migration prisma/migrations-postgresql/<NNNN_name>/migration.sql taking the PostgreSQL variant of
// the old schema to that of the current one — the twin of the SQLite migration of the same name
// (made with `prisma migrate diff` from the same old schema). `migrate diff` connects to a
// PostgreSQL server through the adapter even though it only compares schemas: run it under
// scripts/with-postgres.sh or with DATABASE_URL set to a PostgreSQL database.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { POSTGRESQL_SCHEMA, writePostgresqlSchema } from "./lib/postgresql-schema.mjs";

const [oldSchema, name] = process.argv.slice(2);
if (!oldSchema || !name || !/^\d{4}_[a-z0-9_]+$/.test(name)) {
  console.error("usage: npm run db:diff-postgresql -- <old schema.prisma> <NNNN_name>");
  process.exit(2);
}
const url = /^postgres(ql)?:/.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL : process.env.STOCKPILOT_TEST_POSTGRES_URL;
if (!url) {
  console.error("Needs a PostgreSQL server: DATABASE_URL=postgresql://… or run under `bash scripts/with-postgres.sh`.");
  process.exit(2);
}
const from = writePostgresqlSchema(oldSchema, path.join(mkdtempSync(path.join(tmpdir(), "pg-schema-")), "schema.prisma"));
const to = writePostgresqlSchema();
const sql = execFileSync(
  path.join("node_modules", ".bin", "prisma"),
  ["migrate", "diff", "--config", "prisma.postgresql.config.ts", "--from-schema-datamodel", from, "--to-schema-datamodel", to, "--script"],
  { env: { ...process.env, DATABASE_URL: url }, encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
);
const dir = path.join("prisma", "migrations-postgresql", name);
mkdirSync(dir, { recursive: true });
writeFileSync(path.join(dir, "migration.sql"), sql);
console.log(`${path.join(dir, "migration.sql")} written from ${POSTGRESQL_SCHEMA}`);
