import "server-only";
import type { Db, DbTransaction } from "../db";
import { statusesAllowing } from "../../contracts/governance";
import { runDecisionTransaction, writeDecisions } from "./decision-transaction";
import { SYSTEM_ACTOR } from "../actor";

/**
 * Closes open recommendations whose decision window (by action type, recommendation-expiry.ts)
 * has passed, in the caller's transaction; returns how many expired. A plan run's publish calls it
 * first, so every run sweeps.
 */
export async function expireDueRecommendations(tx: DbTransaction, now: Date, onlyIds?: readonly string[]): Promise<number> {
  const due = await tx.recommendation.findMany({
    where: { status: { in: statusesAllowing("expire") }, expiresAt: { lte: now }, ...(onlyIds ? { id: { in: [...onlyIds] } } : {}) },
    orderBy: { id: "asc" },
  });
  await writeDecisions(
    tx,
    due.map((recommendation) => ({
      recommendation,
      kind: "expire" as const,
      toStatus: "expired" as const,
      actor: SYSTEM_ACTOR,
      auditAction: "decision.expired" as const,
      policyVersion: recommendation.policyVersion,
      auditDetails: { expiresAt: recommendation.expiresAt?.toISOString() },
    })),
  );
  return due.length;
}

/**
 * The same in its own transaction: for one item right before anyone decides it, so an expired
 * item is refused (409) rather than approved late.
 */
export function expireRecommendations(db: Db, now = new Date(), onlyIds?: readonly string[]): Promise<number> {
  return runDecisionTransaction(db, (tx) => expireDueRecommendations(tx, now, onlyIds));
}
