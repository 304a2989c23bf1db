import "server-only";
import { spawn } from "node:child_process";
import path from "node:path";
import { db } from "../db";
import { abandonPlanRun } from "./abandon-plan-run";

interface QueueState {
  draining: Promise<void> | null;
  /** Set when asked to start while draining: look for queued rows once more before stopping. */
  again: boolean;
}
const globalForQueue = globalThis as unknown as { stockpilotPlanRunQueue?: QueueState };
const state: QueueState = (globalForQueue.stockpilotPlanRunQueue ??= { draining: null, again: false });

/**
 * Runs one queued plan in a child process (`scripts/plan.ts --run <id>`): the engine's CPU work and
 * its database reads and writes (better-sqlite3 is synchronous) stay off the web server's event
 * loop, and the engine's forecast fans out to worker threads on every core inside the child.
 */
function runInWorkerProcess(runId: string): Promise<number | null> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["--conditions=react-server", "--import", "tsx", path.join(process.cwd(), "scripts", "plan.ts"), "--run", runId],
      { cwd: process.cwd(), env: process.env, stdio: ["ignore", "inherit", "inherit"] },
    );
    child.on("error", (error) => {
      console.error(`plan worker for run ${runId} could not start`, error);
      resolve(null);
    });
    child.on("exit", (code) => resolve(code));
  });
}

async function drain(): Promise<void> {
  do {
    state.again = false;
    for (;;) {
      const next = await db.planRun.findFirst({ where: { status: "queued" }, orderBy: { queuedAt: "asc" }, select: { id: true } });
      if (!next) break;
      const exitCode = await runInWorkerProcess(next.id);
      // A worker that died (or never started) leaves its row queued or running: fail it and retry once, so the queue moves on.
      if (exitCode !== 0) {
        await abandonPlanRun(db, next.id, `The plan worker stopped unexpectedly (exit code ${exitCode ?? "none"}); nothing of this run was published.`);
      }
    }
  } while (state.again);
}

/**
 * Starts working through queued plan runs, oldest first, one at a time, unless this process is
 * already doing so. Returns when the queue is empty. One process per deployment runs plans; with
 * several instances, the claim in executePlanRun (queued → running) keeps a run from executing twice.
 */
export function startPlanRunQueue(): Promise<void> {
  if (state.draining) {
    state.again = true;
    return state.draining;
  }
  state.draining = drain()
    .catch((error: unknown) => console.error("plan run queue stopped", error))
    .finally(() => {
      state.draining = null;
    });
  return state.draining;
}
