import "server-only";
import { ACTIVE_EXCEPTION_STATUSES, CLOSED_REASONS } from "../../contracts/exceptions";
import { statusesAllowing } from "../../contracts/governance";
import type { UserActor } from "../actor";
import type { DbTransaction } from "../db";
import { writeExceptionChange } from "./exception-transaction";

/**
 * The side effect of a person's decision on the exception it answers, run inside the decision's own
 * transaction so both commit or neither does, whichever door the decision came through (exception
 * page, approvals inbox, batch approval, API): an approved action handles the exception; rejecting
 * its last open action means the planner chose to do nothing. Either way it leaves the queue, and a
 * later run raises it again only after a material change (persist-plan-result.ts).
 */
export async function settleDecidedException(tx: DbTransaction, actor: UserActor, exceptionId: string, decision: "approve" | "reject"): Promise<void> {
  const exception = await tx.exception.findUniqueOrThrow({ where: { id: exceptionId } });
  if (!(ACTIVE_EXCEPTION_STATUSES as readonly string[]).includes(exception.status)) return;
  if (decision === "reject") {
    const stillOpen = await tx.recommendation.count({ where: { exceptionId, status: { in: statusesAllowing("approve") } } });
    if (stillOpen > 0) return;
  }
  const closedReason = decision === "approve" ? CLOSED_REASONS.actionApproved : CLOSED_REASONS.actionsRejected;
  await writeExceptionChange(tx, {
    exception,
    expectedVersion: null,
    data: { status: "resolved", closedAt: new Date(), closedReason },
    actor,
    action: "exception.resolved",
    reason: closedReason,
  });
}
