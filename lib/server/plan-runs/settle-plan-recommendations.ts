import "server-only";
import type { Db } from "../db";
import { routeRecommendations } from "../governance/route-recommendations";
import { supersedeRecommendations } from "../governance/supersede-recommendations";
import { CLOSED_REASONS } from "./persist-plan-result";

/**
 * Items per transaction. Each superseded or routed recommendation writes a Decision and an audit
 * row; thousands in one transaction would hold SQLite's write lock for tens of seconds and make
 * people's approvals wait. Small transactions let them interleave.
 */
const SETTLE_CHUNK = 200;

export interface SettlePlanRecommendationsInput {
  runId: string;
  supersedeExceptionIds: readonly string[];
  recommendationIds: readonly string[];
  now: Date;
  /** Share (0..1) of the work done, for the live progress bar. */
  onProgress?: (share: number) => Promise<void>;
}

export interface SettledRecommendations {
  superseded: number;
  autoApproved: number;
  pending: number;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += SETTLE_CHUNK) out.push(items.slice(i, i + SETTLE_CHUNK));
  return out;
}

/**
 * The governance half of a plan run: supersedes the earlier runs' undecided recommendations of the
 * exceptions this run closed or carried over, routes the new ones to their tier (auto-approved
 * only when every guard passes — stale data and low confidence go to a person), then shows on each
 * exception the tier its best action needs; an exception whose best action the system approved is
 * resolved. Each step is audited by the governance functions, in small transactions.
 */
export async function settlePlanRecommendations(db: Db, input: SettlePlanRecommendationsInput): Promise<SettledRecommendations> {
  const { runId, now } = input;
  const settled: SettledRecommendations = { superseded: 0, autoApproved: 0, pending: 0 };
  const supersedeChunks = chunks(input.supersedeExceptionIds);
  const routeChunks = chunks(input.recommendationIds);
  const total = supersedeChunks.length + routeChunks.length;
  let done = 0;
  const progressed = async () => {
    done += 1;
    await input.onProgress?.(done / total);
  };
  for (const ids of supersedeChunks) {
    settled.superseded += await db.$transaction((tx) => supersedeRecommendations(tx, ids, runId), { maxWait: 30_000, timeout: 120_000 });
    await progressed();
  }
  for (const ids of routeChunks) {
    const routing = await db.$transaction((tx) => routeRecommendations(tx, ids, undefined, now), { maxWait: 30_000, timeout: 120_000 });
    settled.autoApproved += routing.autoApproved;
    settled.pending += routing.pending;
    await progressed();
  }

  const topActions = await db.recommendation.findMany({ where: { planRunId: runId, rank: 1 }, select: { exceptionId: true, tier: true, status: true } });
  const byOutcome = new Map<string, { tier: string; handled: boolean; exceptionIds: string[] }>();
  for (const top of topActions) {
    const handled = top.status === "auto_approved";
    const key = `${top.tier}|${handled}`;
    const group = byOutcome.get(key) ?? { tier: top.tier, handled, exceptionIds: [] };
    group.exceptionIds.push(top.exceptionId);
    byOutcome.set(key, group);
  }
  for (const { tier, handled, exceptionIds } of byOutcome.values()) {
    for (const ids of chunks(exceptionIds)) {
      await db.exception.updateMany({
        where: { id: { in: ids } },
        data: { tierRequired: tier, ...(handled ? { status: "resolved", closedAt: now, closedReason: CLOSED_REASONS.autoApproved } : {}) },
      });
    }
  }
  return settled;
}
