import { copyFileSync } from "node:fs";
import path from "node:path";
import { randomUUID } from "node:crypto";
import pg from "pg";
import { adminUrl, testDatabaseUrl } from "./postgresql-test-databases";

/** Gives this test file a database of its own, copied from the run's migrated template (global-setup*.ts). */
const dir = process.env.STOCKPILOT_TEST_DIR;
if (!dir) throw new Error("the global setup did not prepare the test databases");
const name = randomUUID();
const postgresPrefix = process.env.STOCKPILOT_TEST_POSTGRES_PREFIX;
if (postgresPrefix) {
  const admin = adminUrl();
  const database = `${postgresPrefix}_${name.slice(0, 8)}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE "${database}" TEMPLATE "${postgresPrefix}_template"`);
  } finally {
    await client.end();
  }
  process.env.DATABASE_URL = testDatabaseUrl(admin, database);
} else {
  const template = process.env.STOCKPILOT_TEST_TEMPLATE_DB;
  if (!template) throw new Error("global-setup.ts did not prepare the template database");
  const file = path.join(dir, `${name}.db`);
  copyFileSync(template, file);
  process.env.DATABASE_URL = `file:${file}`;
}
process.env.STOCKPILOT_AUDIT_CHECKPOINT_FILE = path.join(dir, `${name}.checkpoints.jsonl`);
