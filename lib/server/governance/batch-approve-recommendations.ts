import "server-only";
import type { Db } from "../db";
import { isAppError } from "../app-error";
import type { BatchApprovalResult, BatchApprovalSummary } from "../../contracts/governance";
import { approveRecommendation } from "./approve-recommendation";
import { ZBatchApproveRequest, type TBatchApproveRequest } from "../../contracts/governance";
import type { UserActor } from "../actor";

/**
 * Approves several inbox items after an explicit confirmation. Each item is its own transaction
 * with the same checks as a single approval, so one item someone else decided first (or one the
 * actor may not approve) is reported without undoing the others.
 */
export async function batchApproveRecommendations(
  db: Db,
  actor: UserActor,
  input: TBatchApproveRequest,
): Promise<BatchApprovalSummary> {
  const { items, comment } = ZBatchApproveRequest.parse(input);
  const results: BatchApprovalResult[] = [];
  for (const { recommendationId, expectedVersion } of items) {
    try {
      const approved = await approveRecommendation(db, actor, recommendationId, { expectedVersion, comment });
      results.push({ recommendationId, outcome: "approved", version: approved.version });
    } catch (error) {
      if (!isAppError(error)) throw error;
      results.push({ recommendationId, outcome: "refused", code: error.code, message: error.message });
    }
  }
  const approved = results.filter((r) => r.outcome === "approved").length;
  return { approved, refused: results.length - approved, results };
}
