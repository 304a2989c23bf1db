import "server-only";
import type { Recommendation } from "@prisma/client";
import type { DbTransaction } from "../db";
import { supersedeRecommendations } from "../governance/supersede-recommendations";
import { CLOSED_REASONS } from "../../contracts/exceptions";

const CHUNK = 500;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** Supersedes the earlier runs' undecided recommendations of these exceptions (closed or carried over by the run); returns how many. */
export async function supersedeRecommendationsOf(tx: DbTransaction, exceptionIds: readonly string[], runId: string): Promise<number> {
  let superseded = 0;
  for (const ids of chunks(exceptionIds)) superseded += await supersedeRecommendations(tx, ids, runId);
  return superseded;
}

/**
 * Shows on each exception the tier its best action needs; an exception whose best action the system
 * approved is resolved.
 */
export async function showTierRequired(tx: DbTransaction, recommendations: readonly Recommendation[], now: Date): Promise<void> {
  const byOutcome = new Map<string, { tier: string; handled: boolean; exceptionIds: string[] }>();
  for (const top of recommendations) {
    if (top.rank !== 1) continue;
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
}
