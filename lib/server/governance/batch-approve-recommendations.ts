import "server-only";
import type { Db } from "../db";
import { isAppError } from "../app-error";
import type { BatchApprovalResult, BatchApprovalSummary } from "../../contracts/governance";
import { approveWithoutReplan } from "./approve-recommendation";
import { ZBatchApproveRequest, type TBatchApproveRequest } from "../../contracts/governance";
import type { UserActor } from "../actor";
import { requestSeriesReplan, type PlanSeries } from "../plan-runs/request-plan-run";

/**
 * Approves several inbox items after an explicit confirmation. Each item is its own transaction
 * with the same checks as a single approval, so one item someone else decided first (or one the
 * actor may not approve) is reported without undoing the others. The series whose forecast the
 * approved items changed are replanned together after the last one, one run per product rather
 * than one per item (requestSeriesReplan).
 */
export async function batchApproveRecommendations(
  db: Db,
  actor: UserActor,
  input: TBatchApproveRequest,
): Promise<BatchApprovalSummary> {
  const { items, comment } = ZBatchApproveRequest.parse(input);
  const results: BatchApprovalResult[] = [];
  const forecastChanged: PlanSeries[] = [];
  for (const { recommendationId, expectedVersion } of items) {
    try {
      const approved = await approveWithoutReplan(db, actor, recommendationId, { expectedVersion, comment });
      results.push({ recommendationId, outcome: "approved", version: approved.recommendation.version });
      forecastChanged.push(...approved.forecastChanged);
    } catch (error) {
      if (!isAppError(error)) throw error;
      results.push({ recommendationId, outcome: "refused", code: error.code, message: error.message });
    }
  }
  const replans = await requestSeriesReplan(db, actor, forecastChanged);
  const approved = results.filter((r) => r.outcome === "approved").length;
  return {
    approved,
    refused: results.length - approved,
    results,
    replanRunIds: replans.map((run) => run.id),
    replannedSeries: new Set(forecastChanged.map(({ locationId, productId }) => `${locationId}|${productId}`)).size,
  };
}
