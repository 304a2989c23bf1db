import { execFileSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

/**
 * Migrates one template database for the run (and seeds its default policy); each test file then works on its own copy
 * (see database-per-file.ts), so files can run in parallel without seeing each other's rows.
 */
export default function setup() {
  const dir = mkdtempSync(path.join(tmpdir(), "stockpilot-test-"));
  const template = path.join(dir, "template.db");
  // The audit key is kept outside the database, as in production; one random key per test run.
  process.env.STOCKPILOT_AUDIT_KEY = randomBytes(32).toString("base64");
  // The same step as `npm run db:migrate`: migrations, then the default approval policy (audited).
  execFileSync(process.execPath, ["--conditions=react-server", "--import", "tsx", "scripts/db-migrate.ts"], {
    env: { ...process.env, DATABASE_URL: `file:${template}` },
    stdio: "pipe",
  });
  process.env.STOCKPILOT_TEST_DIR = dir;
  process.env.STOCKPILOT_TEST_TEMPLATE_DB = template;
  return () => rmSync(dir, { recursive: true, force: true });
}
