import "server-only";
import type { Db } from "../db";
import { statusesAllowing } from "./decision-states";
import { runDecisionTransaction, writeDecision } from "./decision-transaction";
import { SYSTEM_ACTOR } from "./governance-actor";

/**
 * Closes open recommendations whose decision window (by action type, recommendation-expiry.ts)
 * has passed; returns how many expired. Runs with every plan run, and for one item right before
 * anyone decides it, so an expired item is refused (409) rather than approved late.
 */
export async function expireRecommendations(db: Db, now = new Date(), onlyIds?: readonly string[]): Promise<number> {
  return runDecisionTransaction(db, async (tx) => {
    const due = await tx.recommendation.findMany({
      where: { status: { in: statusesAllowing("expire") }, expiresAt: { lte: now }, ...(onlyIds ? { id: { in: [...onlyIds] } } : {}) },
      orderBy: { id: "asc" },
    });
    for (const recommendation of due) {
      await writeDecision(tx, {
        recommendation,
        kind: "expire",
        toStatus: "expired",
        actor: SYSTEM_ACTOR,
        auditAction: "decision.expired",
        policyVersion: recommendation.policyVersion,
        auditDetails: { expiresAt: recommendation.expiresAt?.toISOString() },
      });
    }
    return due.length;
  });
}
