import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { migrateDatabase } from "../db-migrate";
import { ensureBuild } from "./ensure-build";

export interface BenchServer {
  baseUrl: string;
  /** Resident memory of the server: `next start` and every process under it, in bytes. */
  rss: () => number;
  stop: () => Promise<void>;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

function childrenOf(pid: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      // Field 4 of /proc/PID/stat is the parent; the command name (field 2) may hold spaces, so split after ")".
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === pid) out.push(Number(entry));
    } catch {
      // the process ended while we looked
    }
  }
  return out;
}

function rssOfTree(pid: number): number {
  let total = 0;
  for (const p of [pid, ...childrenOf(pid).flatMap((c) => [c, ...childrenOf(c)])]) {
    try {
      const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${p}/status`, "utf8"))?.[1];
      total += Number(kb ?? 0) * 1024;
    } catch {
      // gone
    }
  }
  return total;
}

/**
 * A production server (`next build` when stale, then `next start`) on a free port over a throwaway
 * SQLite database in the temp folder with the demo users and no data: what a benchmark of the web
 * layer needs, and nothing an engineer's own database or port 3100 (e2e) could be hurt by.
 */
export async function startBenchServer(name: string, env: Record<string, string> = {}): Promise<BenchServer> {
  const dir = path.join(tmpdir(), `stockpilot-bench-${name}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.env.DATABASE_URL = `file:${path.join(dir, "bench.db")}`;
  process.env.STOCKPILOT_AUDIT_KEY_FILE = path.join(dir, "audit-key");
  process.env.STOCKPILOT_AUDIT_CHECKPOINT_FILE = path.join(dir, "audit-checkpoints.jsonl");
  await migrateDatabase();
  const { db } = await import("../../lib/server/db");
  const { seedDemoUsers } = await import("../../lib/server/users/seed-demo-users");
  await seedDemoUsers(db);
  await db.$disconnect();
  ensureBuild();

  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const server: ChildProcess = spawn(path.join("node_modules", ".bin", "next"), ["start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, NEXTAUTH_URL: baseUrl, NEXTAUTH_SECRET: "bench-only-secret-not-for-production-0123456789", ...env },
  });
  const stop = async () => {
    if (server.exitCode !== null) return;
    const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
    server.kill("SIGTERM");
    await exited;
    rmSync(dir, { recursive: true, force: true });
  };
  for (let waited = 0; ; waited += 250) {
    if (server.exitCode !== null) throw new Error(`next start exited with ${server.exitCode}`);
    try {
      if ((await fetch(`${baseUrl}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (waited > 120_000) {
      await stop();
      throw new Error("next start did not answer /api/health within 2 minutes");
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return { baseUrl, rss: () => rssOfTree(server.pid!), stop };
}

/**
 * Signs in through next-auth's credentials callback: the session cookie (or null and the error
 * code the sign-in page shows) and how long the callback took, CSRF round trip not counted.
 */
export async function signIn(baseUrl: string, email: string, password: string, headers: Record<string, string> = {}): Promise<{ cookie: string | null; error: string | null; ms: number }> {
  const csrf = await fetch(`${baseUrl}/api/auth/csrf`);
  const { csrfToken } = (await csrf.json()) as { csrfToken: string };
  const csrfCookie = csrf.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
  const started = performance.now();
  const response = await fetch(`${baseUrl}/api/auth/callback/credentials`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", cookie: csrfCookie, ...headers },
    body: new URLSearchParams({ csrfToken, email, password, json: "true" }),
    redirect: "manual",
  });
  const session = response.headers.getSetCookie().find((c) => c.startsWith("next-auth.session-token="));
  const { url } = (await response.json()) as { url: string };
  const ms = performance.now() - started;
  return { cookie: session ? session.split(";")[0]! : null, error: new URL(url).searchParams.get("error"), ms };
}
