import "server-only";
import type { DbTransaction } from "../db";
import { statusesAllowing } from "../../contracts/governance";
import { writeDecisions } from "./decision-transaction";
import { SYSTEM_ACTOR } from "../actor";

/**
 * Marks the still-open recommendations of these exceptions superseded by a newer plan run, so
 * nobody approves yesterday's numbers. Approved actions are commitments and stay as they are.
 * Runs inside the plan run's transaction; returns how many were superseded.
 */
export async function supersedeRecommendations(
  tx: DbTransaction,
  exceptionIds: readonly string[],
  replacedByPlanRunId: string,
): Promise<number> {
  const open = await tx.recommendation.findMany({
    where: {
      exceptionId: { in: [...exceptionIds] },
      planRunId: { not: replacedByPlanRunId },
      status: { in: statusesAllowing("supersede") },
    },
    orderBy: { id: "asc" },
  });
  await writeDecisions(
    tx,
    open.map((recommendation) => ({
      recommendation,
      kind: "supersede",
      toStatus: "superseded",
      actor: SYSTEM_ACTOR,
      auditAction: "decision.superseded",
      policyVersion: recommendation.policyVersion,
      comment: `replaced by plan run ${replacedByPlanRunId}`,
      auditDetails: { replacedByPlanRunId },
    })),
  );
  return open.length;
}
