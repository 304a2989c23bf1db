/**
 * Playwright's web server: a production build of the app on a throwaway database holding the
 * small demo retailer. Refuses to run against anything but a file under the system temp folder, or,
 * with STOCKPILOT_E2E_DATABASE=postgresql (playwright.postgresql.config.ts), a database it creates
 * afresh on the throwaway server of STOCKPILOT_TEST_POSTGRES_URL (scripts/with-postgres.sh).
 */
import { spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { ensureBuild } from "./lib/ensure-build";
import { prepareDemoDatabase } from "./lib/prepare-demo-database";

const PORT = 3100;
const e2eDir = path.join(tmpdir(), "stockpilot-e2e");
const databaseFile = path.join(e2eDir, "e2e.db");
const POSTGRESQL_DATABASE = "stockpilot_e2e";

function assertThrowawayDatabase(url: string) {
  const file = path.resolve(url.replace(/^file:/, ""));
  if (!file.startsWith(tmpdir() + path.sep)) throw new Error(`e2e refuses a non-temporary database: ${url}`);
}

/** An empty database of the e2e run on the test server, dropped first if an earlier run left it. */
async function freshPostgresqlDatabase(): Promise<string> {
  const admin = process.env.STOCKPILOT_TEST_POSTGRES_URL;
  if (!admin) throw new Error("STOCKPILOT_E2E_DATABASE=postgresql needs STOCKPILOT_TEST_POSTGRES_URL: run it under scripts/with-postgres.sh");
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${POSTGRESQL_DATABASE}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${POSTGRESQL_DATABASE}"`);
  } finally {
    await client.end();
  }
  const url = new URL(admin);
  url.pathname = `/${POSTGRESQL_DATABASE}`;
  return url.toString();
}

async function main() {
  rmSync(e2eDir, { recursive: true, force: true });
  mkdirSync(e2eDir, { recursive: true });
  if (process.env.STOCKPILOT_E2E_DATABASE === "postgresql") {
    process.env.DATABASE_URL = await freshPostgresqlDatabase();
  } else {
    process.env.DATABASE_URL = `file:${databaseFile}`;
    assertThrowawayDatabase(process.env.DATABASE_URL);
  }
  process.env.STOCKPILOT_AUDIT_KEY_FILE = path.join(e2eDir, "audit-key");
  process.env.STOCKPILOT_AUDIT_CHECKPOINT_FILE = path.join(e2eDir, "audit-checkpoints.jsonl");

  await prepareDemoDatabase({ demoDir: path.join(e2eDir, "demo"), size: "small", seed: 7 });
  ensureBuild();
  const server = spawn(path.join("node_modules", ".bin", "next"), ["start", "-p", String(PORT), "-H", "127.0.0.1"], {
    stdio: "inherit",
    env: {
      ...process.env,
      STOCKPILOT_DEMO: "1",
      // The copilot spec subscribes a webhook on this machine; private addresses stay refused.
      STOCKPILOT_WEBHOOK_ALLOW_LOOPBACK: "1",
      // Audit checkpoints every 5 s instead of 60, so the security spec sees one without waiting a minute.
      STOCKPILOT_AUDIT_CHECKPOINT_SECONDS: "5",
      NEXTAUTH_URL: `http://127.0.0.1:${PORT}`,
      NEXTAUTH_SECRET: "e2e-only-secret-not-for-production-use-0123456789",
    },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
}

await main();
