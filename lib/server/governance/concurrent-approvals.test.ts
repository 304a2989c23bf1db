import { spawn } from "node:child_process";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { createInterface } from "node:readline";
import Database from "better-sqlite3";
import { beforeAll, describe, expect, it } from "vitest";
import type { Recommendation } from "@prisma/client";
import { db } from "../db";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { isAppError } from "../app-error";
import { createRecommendation, createUser, type TestUser } from "../../test/factories";
import { approveRecommendation } from "./approve-recommendation";
import { DecisionConflictError } from "./governance-errors";
import { modifyRecommendation } from "./modify-recommendation";
import { rejectRecommendation } from "./reject-recommendation";
import type { WorkerDecider, WorkerDecision, WorkerResult } from "./testing/decide-concurrently.worker";

const CONCURRENT_DECIDERS = 50;
const PROCESSES = 5;
const WORKER = path.join(import.meta.dirname, "testing", "decide-concurrently.worker.ts");
const REPO_ROOT = path.resolve(import.meta.dirname, "../../..");

function percentile(sortedMs: number[], p: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))]!;
}

const latencySummary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return `min ${sorted[0]!.toFixed(1)} / median ${percentile(sorted, 50).toFixed(1)} / p95 ${percentile(sorted, 95).toFixed(1)} / max ${sorted.at(-1)!.toFixed(1)} ms`;
};

async function createDeciders(count: number): Promise<TestUser[]> {
  const deciders: TestUser[] = [];
  for (let i = 0; i < count; i++) {
    deciders.push(
      await createUser("planner", {
        scopes: [
          { kind: "REGION", value: "NORTH" },
          { kind: "CATEGORY", value: "SNACKS" },
        ],
      }),
    );
  }
  return deciders;
}

const decisionFor = (i: number): WorkerDecision => (["approve", "reject", "modify"] as const)[i % 3]!;

function decide(decider: TestUser, rec: Recommendation, decision: WorkerDecision, i: number) {
  if (decision === "approve") return approveRecommendation(db, decider, rec.id, { expectedVersion: 1 });
  if (decision === "reject") return rejectRecommendation(db, decider, rec.id, { expectedVersion: 1, reasonCode: "timing" });
  return modifyRecommendation(db, decider, rec.id, { expectedVersion: 1, quantity: 50 + i, reasonCode: "quantity_adjusted" });
}

/** Starts one worker process; `ready` resolves once it has loaded its deciders and waits for "go". */
function startWorker(deciders: WorkerDecider[]) {
  const child = spawn(process.execPath, ["--conditions=react-server", "--import", "tsx", WORKER, JSON.stringify(deciders)], {
    cwd: REPO_ROOT,
    env: { ...process.env },
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines = createInterface({ input: child.stdout });
  let resolveResults: (results: WorkerResult[]) => void;
  const results = new Promise<WorkerResult[]>((resolve) => (resolveResults = resolve));
  const ready = new Promise<void>((resolve) => {
    lines.on("line", (line) => {
      if (line === "ready") resolve();
      else if (line.startsWith("[")) resolveResults(JSON.parse(line) as WorkerResult[]);
    });
  });
  return { ready, go: () => child.stdin.end("go\n"), results };
}

/** Production databases run in WAL mode (scripts/db-migrate.ts); the per-file test copy does not. */
beforeAll(async () => {
  const raw = new Database(process.env.DATABASE_URL!.replace(/^file:/, ""));
  raw.pragma("journal_mode = WAL");
  raw.close();
});

/**
 * Audit rows one winning decision writes: its own, plus the exception's settlement when it approved
 * the action or rejected the exception's only open one (settle-decided-exception.ts).
 */
async function auditRowsOfWinner(rec: Recommendation): Promise<number> {
  const { kind } = await db.decision.findFirstOrThrow({ where: { recommendationId: rec.id } });
  return kind === "modify" ? 1 : 2;
}

/** Splits the deciders over PROCESSES worker processes and lets them all go at the same moment. */
async function raceInProcesses(deciders: WorkerDecider[]): Promise<{ results: WorkerResult[]; wallMs: number }> {
  const workers = Array.from({ length: PROCESSES }, (_, p) => startWorker(deciders.filter((_, i) => i % PROCESSES === p)));
  await Promise.all(workers.map((w) => w.ready));
  const started = performance.now();
  for (const w of workers) w.go();
  const results = (await Promise.all(workers.map((w) => w.results))).flat();
  return { results, wallMs: performance.now() - started };
}

describe("50 people deciding the same item at once", () => {
  it("approvals in one server process: exactly one wins, every other gets a 409 naming the winner, the audit chain stays intact", async () => {
    const rec = await createRecommendation();
    const approvers = await createDeciders(CONCURRENT_DECIDERS);
    const auditBefore = await db.auditEvent.count();

    const started = performance.now();
    const outcomes = await Promise.all(
      approvers.map(async (approver) => {
        const t0 = performance.now();
        try {
          await approveRecommendation(db, approver, rec.id, { expectedVersion: 1 });
          return { approver, won: true, error: null, ms: performance.now() - t0 };
        } catch (error) {
          return { approver, won: false, error, ms: performance.now() - t0 };
        }
      }),
    );
    const wallMs = performance.now() - started;

    const winners = outcomes.filter((o) => o.won);
    const conflicts = outcomes.filter((o) => o.error instanceof DecisionConflictError);
    const other = outcomes.filter((o) => !o.won && !(o.error instanceof DecisionConflictError));
    expect(other.map((o) => (isAppError(o.error) ? o.error.message : String(o.error)))).toEqual([]);
    expect(winners).toHaveLength(1);
    expect(conflicts).toHaveLength(CONCURRENT_DECIDERS - 1);

    const winner = winners[0]!.approver;
    for (const { error } of conflicts) {
      expect(error).toMatchObject({ status: 409, firstDecider: { userId: winner.id, name: winner.name, kind: "approve" } });
    }
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: rec.id } })).toMatchObject({
      status: "approved",
      version: 2,
      decidedById: winner.id,
    });
    expect(await db.decision.count({ where: { recommendationId: rec.id } })).toBe(1);
    expect(await db.auditEvent.count()).toBe(auditBefore + 2);
    const chain = await verifyAuditChain(db);
    expect(chain).toMatchObject({ status: "intact", records: auditBefore + 2 });

    console.log(
      `[concurrency] ${CONCURRENT_DECIDERS} concurrent approvals of one item, one process: ${winners.length} won, ` +
        `${conflicts.length} got 409, ${other.length} other errors; wall ${wallMs.toFixed(0)} ms; per call ` +
        `${latencySummary(outcomes.map((o) => o.ms))}; audit chain ${chain.status}`,
    );
  });

  it("mixed approve / reject / modify in one process: exactly one wins, whichever it is", async () => {
    const rec = await createRecommendation();
    const deciders = await createDeciders(CONCURRENT_DECIDERS);
    const auditBefore = await db.auditEvent.count();
    const outcomes = await Promise.allSettled(deciders.map((d, i) => decide(d, rec, decisionFor(i), i)));
    expect(outcomes.filter((o) => o.status === "fulfilled")).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === "rejected" && o.reason instanceof DecisionConflictError)).toHaveLength(CONCURRENT_DECIDERS - 1);
    expect(await db.decision.count({ where: { recommendationId: rec.id } })).toBe(1);
    expect(await verifyAuditChain(db)).toMatchObject({ status: "intact", records: auditBefore + (await auditRowsOfWinner(rec)) });
  });

  it(`mixed decisions from ${PROCESSES} separate processes (own connections): exactly one wins, the others get 409`, { timeout: 120_000 }, async () => {
    const rec = await createRecommendation();
    const deciders = await createDeciders(CONCURRENT_DECIDERS);
    const auditBefore = await db.auditEvent.count();
    const { results, wallMs } = await raceInProcesses(
      deciders.map((d, i) => ({ userId: d.id, recommendationId: rec.id, decision: decisionFor(i) })),
    );

    const won = results.filter((r) => r.outcome === "won");
    const conflicts = results.filter((r) => r.outcome === "conflict");
    expect(results.filter((r) => r.outcome === "error")).toEqual([]);
    expect(won).toHaveLength(1);
    expect(conflicts).toHaveLength(CONCURRENT_DECIDERS - 1);
    const winnerName = deciders.find((d) => d.id === won[0]!.userId)!.name;
    for (const c of conflicts) expect(c.message).toMatch(new RegExp(`^${winnerName} \\(planner\\) already`));
    expect(await db.decision.count({ where: { recommendationId: rec.id } })).toBe(1);
    const chain = await verifyAuditChain(db);
    expect(chain).toMatchObject({ status: "intact", records: auditBefore + (await auditRowsOfWinner(rec)) });
    console.log(
      `[concurrency] ${CONCURRENT_DECIDERS} concurrent mixed decisions on one item from ${PROCESSES} processes: ` +
        `${won.length} won (${won[0]!.decision}), ${conflicts.length} got 409, 0 other errors; wall ${wallMs.toFixed(0)} ms; ` +
        `per call ${latencySummary(results.map((r) => r.ms))}; audit chain ${chain.status}`,
    );
  });

  it("50 approvals of 50 different items at once all succeed and the audit chain stays one unbroken line", async () => {
    const recs: Recommendation[] = [];
    for (let i = 0; i < CONCURRENT_DECIDERS; i++) recs.push(await createRecommendation());
    const approvers = await createDeciders(CONCURRENT_DECIDERS);
    const auditBefore = await db.auditEvent.count();
    const started = performance.now();
    await Promise.all(approvers.map((approver, i) => approveRecommendation(db, approver, recs[i]!.id, { expectedVersion: 1 })));
    const wallMs = performance.now() - started;
    expect(await db.recommendation.count({ where: { status: "approved", id: { in: recs.map((r) => r.id) } } })).toBe(CONCURRENT_DECIDERS);
    const chain = await verifyAuditChain(db);
    expect(chain).toMatchObject({ status: "intact", records: auditBefore + 2 * CONCURRENT_DECIDERS });
    console.log(
      `[concurrency] ${CONCURRENT_DECIDERS} concurrent approvals of different items, one process: all approved in ` +
        `${wallMs.toFixed(0)} ms wall (${(wallMs / CONCURRENT_DECIDERS).toFixed(1)} ms per approval); audit chain ${chain.status} (${chain.records} records)`,
    );
  });

  it(`50 approvals of different items from ${PROCESSES} processes all succeed and chain one after another`, { timeout: 120_000 }, async () => {
    const recs: Recommendation[] = [];
    for (let i = 0; i < CONCURRENT_DECIDERS; i++) recs.push(await createRecommendation());
    const approvers = await createDeciders(CONCURRENT_DECIDERS);
    const auditBefore = await db.auditEvent.count();
    const { results, wallMs } = await raceInProcesses(
      approvers.map((a, i) => ({ userId: a.id, recommendationId: recs[i]!.id, decision: "approve" })),
    );
    expect(results.filter((r) => r.outcome !== "won")).toEqual([]);
    const chain = await verifyAuditChain(db);
    expect(chain).toMatchObject({ status: "intact", records: auditBefore + 2 * CONCURRENT_DECIDERS });
    console.log(
      `[concurrency] ${CONCURRENT_DECIDERS} concurrent approvals of different items from ${PROCESSES} processes: all approved in ` +
        `${wallMs.toFixed(0)} ms wall; per call ${latencySummary(results.map((r) => r.ms))}; audit chain ${chain.status} (${chain.records} records)`,
    );
  });
});
