import "server-only";
import type { Recommendation } from "@prisma/client";
import type { DbTransaction } from "../db";
import { supersedeRecommendations } from "../governance/supersede-recommendations";
import { CLOSED_REASONS } from "../../contracts/exceptions";
import { belowValueBar, ZActionType, type TApprovalPolicyRules } from "../../contracts/governance";

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
 * Shows on each exception the tier its best action needs, and whether that action is below the
 * policy's value bar (it needs a person but nets too little to ask one: the queue shows it below the
 * bar instead of offering it); an exception whose best action the system approved is resolved.
 */
export async function showTierRequired(
  tx: DbTransaction,
  recommendations: readonly Recommendation[],
  rules: Pick<TApprovalPolicyRules, "minDecisionValue">,
  now: Date,
): Promise<void> {
  const byOutcome = new Map<string, { tier: string; handled: boolean; belowBar: boolean; exceptionIds: string[] }>();
  for (const top of recommendations) {
    if (top.rank !== 1) continue;
    const handled = top.status === "auto_approved";
    const belowBar = top.status === "pending" && belowValueBar(top.benefit - top.cost, ZActionType.parse(top.actionType), rules);
    const key = `${top.tier}|${handled}|${belowBar}`;
    const group = byOutcome.get(key) ?? { tier: top.tier, handled, belowBar, exceptionIds: [] };
    group.exceptionIds.push(top.exceptionId);
    byOutcome.set(key, group);
  }
  for (const { tier, handled, belowBar, exceptionIds } of byOutcome.values()) {
    for (const ids of chunks(exceptionIds)) {
      await tx.exception.updateMany({
        where: { id: { in: ids } },
        data: { tierRequired: tier, belowValueBar: belowBar, ...(handled ? { status: "resolved", closedAt: now, closedReason: CLOSED_REASONS.autoApproved } : {}) },
      });
    }
  }
}
