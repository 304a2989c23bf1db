import "server-only";
import type { DbTransaction } from "../db";
import { routeRecommendations } from "../governance/route-recommendations";
import { supersedeRecommendations } from "../governance/supersede-recommendations";
import { CLOSED_REASONS } from "./publish-plan-result";

const CHUNK = 500;

export interface SettleRecommendationsInput {
  runId: string;
  supersedeExceptionIds: readonly string[];
  recommendationIds: readonly string[];
  now: Date;
}

export interface SettledRecommendations {
  superseded: number;
  autoApproved: number;
  pending: number;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/**
 * The governance half of publishing a plan run, in the publish transaction: supersedes the earlier
 * runs' undecided recommendations of the exceptions this run closed or carried over, routes the new
 * ones to their tier (auto-approved only when every guard passes — stale data and low confidence go
 * to a person), then shows on each exception the tier its best action needs; an exception whose
 * best action the system approved is resolved. Each step is audited by the governance functions.
 */
export async function settleRecommendations(tx: DbTransaction, input: SettleRecommendationsInput): Promise<SettledRecommendations> {
  const { runId, now } = input;
  const settled: SettledRecommendations = { superseded: 0, autoApproved: 0, pending: 0 };
  for (const ids of chunks(input.supersedeExceptionIds)) settled.superseded += await supersedeRecommendations(tx, ids, runId);
  for (const ids of chunks(input.recommendationIds)) {
    const routing = await routeRecommendations(tx, ids, undefined, now);
    settled.autoApproved += routing.autoApproved;
    settled.pending += routing.pending;
  }

  const topActions = await tx.recommendation.findMany({ where: { planRunId: runId, rank: 1 }, select: { exceptionId: true, tier: true, status: true } });
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
      await tx.exception.updateMany({
        where: { id: { in: ids } },
        data: { tierRequired: tier, ...(handled ? { status: "resolved", closedAt: now, closedReason: CLOSED_REASONS.autoApproved } : {}) },
      });
    }
  }
  return settled;
}
