/**
 * Playwright's web server: a production build of the app on a throwaway database holding the
 * small demo retailer. Refuses to run against anything but a file under the system temp folder.
 */
import { spawn } from "node:child_process";
import { mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ensureBuild } from "./lib/ensure-build";
import { prepareDemoDatabase } from "./lib/prepare-demo-database";

const PORT = 3100;
const e2eDir = path.join(tmpdir(), "stockpilot-e2e");
const databaseFile = path.join(e2eDir, "e2e.db");

function assertThrowawayDatabase(url: string) {
  const file = path.resolve(url.replace(/^file:/, ""));
  if (!file.startsWith(tmpdir() + path.sep)) throw new Error(`e2e refuses a non-temporary database: ${url}`);
}

async function main() {
  rmSync(e2eDir, { recursive: true, force: true });
  mkdirSync(e2eDir, { recursive: true });
  process.env.DATABASE_URL = `file:${databaseFile}`;
  process.env.STOCKPILOT_AUDIT_KEY_FILE = path.join(e2eDir, "audit-key");
  process.env.STOCKPILOT_AUDIT_CHECKPOINT_FILE = path.join(e2eDir, "audit-checkpoints.jsonl");
  assertThrowawayDatabase(process.env.DATABASE_URL);

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
