import { afterAll, describe, expect, it } from "vitest";
import { performance } from "node:perf_hooks";
import { PrismaClient, type Recommendation } from "@prisma/client";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { db, type Db } from "../db";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { isAppError } from "../http/app-error";
import { createRecommendation, createUser, type TestUser } from "../../test/factories";
import { approveRecommendation } from "./approve-recommendation";
import { DecisionConflictError } from "./governance-errors";

const CONCURRENT_APPROVERS = 50;
/** Separate connections, as several server processes (or the app and a CLI) would hold. */
const CONNECTIONS = 5;

const extraClients: Db[] = Array.from(
  { length: CONNECTIONS },
  () =>
    new PrismaClient({
      adapter: new PrismaBetterSQLite3({ url: process.env.DATABASE_URL!, timeout: 10_000 }),
      omit: { user: { passwordHash: true } },
    }),
);
afterAll(() => Promise.all(extraClients.map((c) => c.$disconnect())));

function percentile(sortedMs: number[], p: number): number {
  return sortedMs[Math.min(sortedMs.length - 1, Math.floor((p / 100) * sortedMs.length))]!;
}

async function createApprovers(count: number): Promise<TestUser[]> {
  const approvers: TestUser[] = [];
  for (let i = 0; i < count; i++) {
    approvers.push(
      await createUser("planner", {
        scopes: [
          { kind: "REGION", value: "NORTH" },
          { kind: "CATEGORY", value: "SNACKS" },
        ],
      }),
    );
  }
  return approvers;
}

describe("50 people approving the same item at once", () => {
  it.each([
    ["one connection (one server process)", () => db],
    [`${CONNECTIONS} connections (several processes)`, (i: number) => extraClients[i % CONNECTIONS]!],
  ] as const)("over %s: exactly one wins, every other gets a 409 naming the winner, the audit chain stays intact", async (setting, clientFor) => {
    const rec = await createRecommendation();
    const approvers = await createApprovers(CONCURRENT_APPROVERS);
    const auditBefore = await db.auditEvent.count();

    const started = performance.now();
    const outcomes = await Promise.all(
      approvers.map(async (approver, i) => {
        const t0 = performance.now();
        try {
          await approveRecommendation(clientFor(i), approver, rec.id, { expectedVersion: 1 });
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
    expect(conflicts).toHaveLength(CONCURRENT_APPROVERS - 1);

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
    expect(await db.auditEvent.count()).toBe(auditBefore + 1);
    const verifyStarted = performance.now();
    const chain = await verifyAuditChain(db);
    const verifyMs = performance.now() - verifyStarted;
    expect(chain).toEqual({ status: "intact", records: auditBefore + 1 });

    const latencies = outcomes.map((o) => o.ms).sort((a, b) => a - b);
    console.log(
      `[concurrency] ${CONCURRENT_APPROVERS} concurrent approvals of one item over ${setting}: ${winners.length} won, ` +
        `${conflicts.length} got 409, ${other.length} other errors; wall ${wallMs.toFixed(0)} ms; per call ` +
        `min ${latencies[0]!.toFixed(1)} / median ${percentile(latencies, 50).toFixed(1)} / p95 ` +
        `${percentile(latencies, 95).toFixed(1)} / max ${latencies.at(-1)!.toFixed(1)} ms; ` +
        `audit chain ${chain.status} (${chain.records} records, verified in ${verifyMs.toFixed(1)} ms)`,
    );
  });

  it("50 approvals of 50 different items across connections all succeed and chain one after another", async () => {
    const recs: Recommendation[] = [];
    for (let i = 0; i < CONCURRENT_APPROVERS; i++) recs.push(await createRecommendation());
    const approvers = await createApprovers(CONCURRENT_APPROVERS);
    const auditBefore = await db.auditEvent.count();
    const started = performance.now();
    await Promise.all(
      approvers.map((approver, i) =>
        approveRecommendation(extraClients[i % CONNECTIONS]!, approver, recs[i]!.id, { expectedVersion: 1 }),
      ),
    );
    const wallMs = performance.now() - started;
    expect(await db.recommendation.count({ where: { status: "approved", id: { in: recs.map((r) => r.id) } } })).toBe(CONCURRENT_APPROVERS);
    const chain = await verifyAuditChain(db);
    expect(chain).toEqual({ status: "intact", records: auditBefore + CONCURRENT_APPROVERS });
    console.log(
      `[concurrency] ${CONCURRENT_APPROVERS} concurrent approvals of different items over ${CONNECTIONS} connections: ` +
        `all approved in ${wallMs.toFixed(0)} ms wall (${(wallMs / CONCURRENT_APPROVERS).toFixed(1)} ms per approval); audit chain ${chain.status} (${chain.records} records)`,
    );
  });
});
