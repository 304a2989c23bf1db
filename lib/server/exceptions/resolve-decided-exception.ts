import "server-only";
import type { Db } from "../db";
import { statusesAllowing } from "../governance/decision-states";
import type { GovernanceActor } from "../governance/governance-actor";
import { exceptionWriteOptions } from "./exception-write-options";
import { writeExceptionChange } from "./exception-transaction";
import { runWriteTransaction } from "../write-transaction";

/** Why a decided exception left the queue. */
export const DECIDED_REASONS = { approved: "action_approved", rejected: "actions_rejected" } as const;

/**
 * After a decision on one of its actions, takes the exception out of the queue when it is settled:
 * an approved action handles it; rejecting the last open action means the planner chose to do
 * nothing. A later run raises it again only after a material change (persist-plan-result.ts).
 */
export async function resolveDecidedException(db: Db, actor: GovernanceActor, exceptionId: string, decision: "approve" | "reject"): Promise<void> {
  await runWriteTransaction(db, async (tx) => {
    const exception = await tx.exception.findUniqueOrThrow({ where: { id: exceptionId } });
    if (exception.status !== "open" && exception.status !== "snoozed") return;
    if (decision === "reject") {
      const stillOpen = await tx.recommendation.count({ where: { exceptionId, status: { in: statusesAllowing("approve") } } });
      if (stillOpen > 0) return;
    }
    const closedReason = decision === "approve" ? DECIDED_REASONS.approved : DECIDED_REASONS.rejected;
    await writeExceptionChange(tx, {
      exception,
      expectedVersion: null,
      data: { status: "resolved", closedAt: new Date(), closedReason },
      actor,
      action: "exception.resolved",
      reason: closedReason,
    });
  }, exceptionWriteOptions);
}
