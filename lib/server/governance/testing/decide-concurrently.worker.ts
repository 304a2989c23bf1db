import "server-only";
/**
 * Test helper, run as a separate Node process by concurrent-approvals.test.ts to race decisions
 * across processes (each with its own connection and event loop, like several app servers):
 *   node --conditions=react-server --import tsx decide-concurrently.worker.ts <json deciders>
 * Prints "ready", waits for a "go" line on stdin, decides all at once, prints one JSON line of results.
 */
import { createInterface } from "node:readline";
import { performance } from "node:perf_hooks";
import { db } from "../../db";
import { SCOPE_KINDS, type ScopeKind } from "../../../contracts/permissions";
import { isRole } from "../../../contracts/permissions";
import { approveRecommendation } from "../approve-recommendation";
import { DecisionConflictError } from "../governance-errors";
import type { UserActor } from "../../actor";
import { modifyRecommendation } from "../modify-recommendation";
import { rejectRecommendation } from "../reject-recommendation";

export type WorkerDecision = "approve" | "reject" | "modify";
export interface WorkerResult {
  userId: string;
  decision: WorkerDecision;
  outcome: "won" | "conflict" | "error";
  message: string | null;
  ms: number;
}

const isScopeKind = (kind: string): kind is ScopeKind => (SCOPE_KINDS as readonly string[]).includes(kind);

export interface WorkerDecider {
  userId: string;
  recommendationId: string;
  decision: WorkerDecision;
}

const deciders = JSON.parse(process.argv[2]!) as WorkerDecider[];

const actors = new Map<string, UserActor>();
for (const { userId } of deciders) {
  const user = await db.user.findUniqueOrThrow({ where: { id: userId }, include: { scopes: true } });
  if (!isRole(user.role)) throw new Error(`unknown role ${user.role}`);
  actors.set(userId, {
    id: user.id,
    role: user.role,
    scopes: user.scopes.flatMap((s) => (isScopeKind(s.kind) ? [{ kind: s.kind, value: s.value }] : [])),
    origin: `worker ${process.pid}`,
  });
}

console.log("ready");
await new Promise<void>((resolve) => createInterface({ input: process.stdin }).once("line", () => resolve()));

function decide(actor: UserActor, { recommendationId, decision }: WorkerDecider, i: number) {
  if (decision === "approve") return approveRecommendation(db, actor, recommendationId, { expectedVersion: 1 });
  if (decision === "reject") return rejectRecommendation(db, actor, recommendationId, { expectedVersion: 1, reasonCode: "timing" });
  return modifyRecommendation(db, actor, recommendationId, { expectedVersion: 1, quantity: 50 + i, reasonCode: "quantity_adjusted" });
}

const results = await Promise.all(
  deciders.map(async (decider, i): Promise<WorkerResult> => {
    const { userId, decision } = decider;
    const t0 = performance.now();
    try {
      await decide(actors.get(userId)!, decider, i);
      return { userId, decision, outcome: "won", message: null, ms: performance.now() - t0 };
    } catch (error) {
      const conflict = error instanceof DecisionConflictError;
      return { userId, decision, outcome: conflict ? "conflict" : "error", message: String(error instanceof Error ? error.message : error), ms: performance.now() - t0 };
    }
  }),
);
console.log(JSON.stringify(results));
await db.$disconnect();
process.exit(0);
