/**
 * `npm run demo`: everything from a fresh clone to a running app at http://localhost:3000 —
 * session secret, database and migrations, demo retailer (generated and imported when absent),
 * demo users, production build when stale, then `next start`. Downloads nothing.
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { ensureBuild } from "./lib/ensure-build";
import { prepareDemoDatabase } from "./lib/prepare-demo-database";

const PORT = Number(process.env.PORT ?? 3000);
const SECRET_FILE = path.join("data", ".secret");

function ensureSessionSecret() {
  if (process.env.NEXTAUTH_SECRET || existsSync(SECRET_FILE)) return;
  mkdirSync("data", { recursive: true });
  writeFileSync(SECRET_FILE, randomBytes(32).toString("base64"), { mode: 0o600 });
}

async function main() {
  const started = performance.now();
  ensureSessionSecret();
  await prepareDemoDatabase({ demoDir: path.join("data", "demo"), size: "small", seed: 42 });
  ensureBuild();
  console.log(`Ready in ${((performance.now() - started) / 1000).toFixed(0)} s — starting http://localhost:${PORT}`);
  const server = spawn(path.join("node_modules", ".bin", "next"), ["start", "-p", String(PORT)], {
    stdio: "inherit",
    env: { ...process.env, STOCKPILOT_DEMO: "1", NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${PORT}` },
  });
  for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => server.kill(signal));
  server.on("exit", (code) => process.exit(code ?? 0));
}

await main();
