import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { adminUrl, testDatabaseUrl } from "./postgresql-test-databases";

/**
 * The PostgreSQL test run (vitest.postgresql.config.ts): migrates one template database with the
 * PostgreSQL migration runner; each test file then gets its own `CREATE DATABASE … TEMPLATE`
 * copy (database-per-file.ts). Needs STOCKPILOT_TEST_POSTGRES_URL, a superuser URL of a throwaway
 * server (`npm run test:postgresql` starts one). Every database it made is dropped at the end.
 */
export default async function setup() {
  const admin = adminUrl();
  const prefix = `stockpilot_test_${process.pid}_${randomBytes(3).toString("hex")}`;
  const template = `${prefix}_template`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  await client.query(`CREATE DATABASE "${template}"`);
  await client.end();
  // The audit key is kept outside the database, as in production; one random key per test run (set
  // before migrating: db:migrate seeds the default policy with an audit record).
  process.env.STOCKPILOT_AUDIT_KEY = randomBytes(32).toString("base64");
  // The same step as `npm run db:migrate`: migrations, then the default approval policy.
  execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", path.join("scripts", "db-migrate.ts")], {
    env: { ...process.env, DATABASE_URL: testDatabaseUrl(admin, template) },
    stdio: "pipe",
  });
  const dir = mkdtempSync(path.join(tmpdir(), "stockpilot-test-"));
  process.env.STOCKPILOT_TEST_DIR = dir;
  process.env.STOCKPILOT_TEST_POSTGRES_PREFIX = prefix;
  return async () => {
    const cleanup = new pg.Client({ connectionString: admin });
    await cleanup.connect();
    const { rows } = await cleanup.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [`${prefix}%`]);
    for (const { datname } of rows) await cleanup.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    await cleanup.end();
    rmSync(dir, { recursive: true, force: true });
  };
}
