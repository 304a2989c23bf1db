import "server-only";
import type { Db } from "../db";
import { approveRecommendation } from "../governance/approve-recommendation";
import type { UserActor } from "../actor";
import { modifyRecommendation } from "../governance/modify-recommendation";
import { rejectRecommendation } from "../governance/reject-recommendation";
import { notFound } from "../app-error";
import { assignException } from "./assign-exception";
import { commentOnException } from "./comment-on-exception";
import type { TExceptionDecisionRequest, TExceptionDecisionResponse } from "../../contracts/exceptions";
import { getExceptionDetail } from "./get-exception-detail";
import { loadExceptionInScope } from "./load-exception-in-scope";
import { overrideForecast } from "./override-forecast";
import { snoozeException } from "./snooze-exception";

/**
 * One decision from the exception page. Decisions on actions go through the governance service
 * (tier, scope, segregation of duties, optimistic concurrency — a stale version is a 409 naming who
 * decided first); triage and forecast overrides are audited here. Answers with the refreshed detail.
 */
export async function decideOnException(
  db: Db,
  actor: UserActor,
  exceptionId: string,
  request: TExceptionDecisionRequest,
): Promise<TExceptionDecisionResponse> {
  let replanRunId: string | null = null;
  switch (request.decision) {
    case "approve":
    case "modify":
    case "reject": {
      await loadExceptionInScope(db, actor, exceptionId);
      const recommendation = await db.recommendation.findUnique({ where: { id: request.recommendationId }, select: { exceptionId: true } });
      if (recommendation?.exceptionId !== exceptionId) throw notFound("This recommendation");
      const { recommendationId, expectedVersion, comment } = request;
      if (request.decision === "approve") replanRunId = (await approveRecommendation(db, actor, recommendationId, { expectedVersion, comment })).replanRunId;
      else if (request.decision === "modify") {
        await modifyRecommendation(db, actor, recommendationId, { expectedVersion, quantity: request.quantity, reasonCode: request.reasonCode, comment });
      } else await rejectRecommendation(db, actor, recommendationId, { expectedVersion, reasonCode: request.reasonCode, comment });
      break;
    }
    case "snooze":
      await snoozeException(db, actor, exceptionId, request);
      break;
    case "assign":
      await assignException(db, actor, exceptionId, request);
      break;
    case "comment":
      await commentOnException(db, actor, exceptionId, request);
      break;
    case "override_forecast":
      replanRunId = (await overrideForecast(db, actor, exceptionId, request)).replanRunId;
      break;
  }
  return { exception: await getExceptionDetail(db, actor, exceptionId), replanRunId };
}
