import "server-only";
import type { Db } from "../db";
import { statusesAllowing } from "./decision-states";
import { runDecisionTransaction, writeDecision } from "./decision-transaction";
import { SYSTEM_ACTOR } from "./governance-actor";

/** Closes open recommendations whose decision window has passed; returns how many expired. */
export async function expireRecommendations(db: Db, now = new Date()): Promise<number> {
  return runDecisionTransaction(db, async (tx) => {
    const due = await tx.recommendation.findMany({
      where: { status: { in: statusesAllowing("expire") }, expiresAt: { lte: now } },
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
