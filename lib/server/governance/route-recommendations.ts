import "server-only";
import type { Prisma, Recommendation } from "@prisma/client";
import { recordAuditEvents, type AuditEventInput } from "../audit/record-audit-event";
import type { DbTransaction } from "../db";
import { withRoutingDetails } from "./approval-routing";
import { ZActionType, type TApprovalPolicy } from "../../contracts/governance";
import { dataAgeDays } from "./data-age";
import { applyApprovedForecastChanges } from "./apply-approved-forecast-changes";
import { decisionSnapshot, writeDecisions, type DecisionWrite } from "./decision-transaction";
import { forecastOverrideAuthorsOfMany, overriddenExceptionIds } from "./forecast-override-authors";
import { getActivePolicy } from "./get-active-policy";
import { expiresAtFor } from "./recommendation-expiry";
import { SYSTEM_ACTOR, type UserActor } from "../actor";
import { routeToTier } from "./route-to-tier";

export interface RoutingSummary {
  autoApproved: number;
  pending: number;
}

/** One recommendation's routing under the policy: the fields it changes and its new status. */
function routeOne(
  recommendation: Pick<Recommendation, "actionType" | "value" | "details">,
  confidence: number,
  planAsOf: Date,
  policy: TApprovalPolicy,
  /** A person proposed, modified or (through a forecast override) shaped it: never auto-approved. */
  changedByPerson: boolean,
  now: Date,
) {
  const routing = routeToTier(
    {
      actionType: ZActionType.parse(recommendation.actionType),
      value: recommendation.value,
      confidence,
      dataAgeDays: dataAgeDays(planAsOf, now),
      changedByPerson,
    },
    policy.rules,
  );
  const auto = routing.tier === "auto";
  return {
    auto,
    reasons: routing.reasons,
    toStatus: auto ? ("auto_approved" as const) : ("pending" as const),
    changes: {
      tier: routing.tier,
      policyVersion: policy.version,
      details: withRoutingDetails(recommendation.details, routing, policy.version),
      ...(auto ? { decidedAt: now } : { expiresAt: expiresAtFor(ZActionType.parse(recommendation.actionType), now) }),
    },
  };
}

/**
 * Sends proposed recommendations to the tier they need under the active policy: auto-approved
 * when every guard passes (an auto-approved forecast change then becomes a forecast override in
 * the same transaction), otherwise pending at a human tier with the reasons on the item.
 * Called by a person proposing an action, who then may not give its final approval and whose
 * proposal is never auto-approved. (A plan run routes its new ones as it inserts them:
 * insertRoutedRecommendations.)
 */
export async function routeRecommendations(
  tx: DbTransaction,
  recommendationIds: readonly string[],
  actor: UserActor | typeof SYSTEM_ACTOR = SYSTEM_ACTOR,
  now = new Date(),
): Promise<RoutingSummary> {
  const policy = await getActivePolicy(tx);
  const proposed = await tx.recommendation.findMany({
    where: { id: { in: [...recommendationIds] }, status: "proposed" },
    include: { exception: { select: { confidence: true, locationId: true, productId: true } }, planRun: { select: { asOf: true } } },
    orderBy: { id: "asc" },
  });
  const summary: RoutingSummary = { autoApproved: 0, pending: 0 };
  const subjects = proposed.map((r) => ({ locationId: r.exception.locationId, productId: r.exception.productId, planAsOf: r.planRun.asOf, createdAt: r.createdAt, id: r.id }));
  const overridersById = new Map([...(await forecastOverrideAuthorsOfMany(tx, subjects))].map(([subject, authors]) => [subject.id, authors]));
  const writes: DecisionWrite[] = proposed.map(({ exception, planRun, ...recommendation }) => {
    const changedByPerson = actor.id !== null || (overridersById.get(recommendation.id) ?? []).length > 0;
    const routed = routeOne(recommendation, exception.confidence, planRun.asOf, policy, changedByPerson, now);
    summary[routed.auto ? "autoApproved" : "pending"]++;
    return {
      recommendation,
      kind: routed.auto ? "auto_approve" : "route",
      toStatus: routed.toStatus,
      actor,
      auditAction: routed.auto ? "decision.auto_approved" : "decision.routed",
      changes: routed.changes,
      policyVersion: policy.version,
      auditDetails: { routingReasons: routed.reasons },
    };
  });
  const routed = await writeDecisions(tx, writes);
  await applyApprovedForecastChanges(tx, routed, SYSTEM_ACTOR);
  return summary;
}

export interface NewRecommendation {
  row: Prisma.RecommendationCreateManyInput;
  /** Confidence of the exception the recommendation answers. */
  confidence: number;
}

/** Rows per multi-row insert. */
const INSERT_CHUNK = 500;

/**
 * A plan run's new recommendations, routed as they are written: each row is inserted already at
 * its tier and status, with the same Decision row and audit record as proposing and then routing
 * it (from "proposed", version 1 → 2), so a publish writes thousands without updating any. The
 * system proposes them, so auto-approval is possible where every guard passes; an auto-approved
 * forecast change becomes a forecast override within the publish, for the next run to plan with.
 */
export async function insertRoutedRecommendations(
  tx: DbTransaction,
  recommendations: readonly NewRecommendation[],
  planAsOf: Date,
  now = new Date(),
): Promise<RoutingSummary & { inserted: Recommendation[] }> {
  const policy = await getActivePolicy(tx);
  const summary: RoutingSummary = { autoApproved: 0, pending: 0 };
  const inserted: Recommendation[] = [];
  const writes: RoutedInsert[] = [];
  // An action on a series a person's forecast override shaped counts as changed by that person.
  const overridden = await overriddenExceptionIds(tx, recommendations.map((r) => r.row.exceptionId), planAsOf, now);
  for (const { row, confidence } of recommendations) {
    const routed = routeOne({ actionType: row.actionType, value: row.value, details: row.details }, confidence, planAsOf, policy, overridden.has(row.exceptionId), now);
    summary[routed.auto ? "autoApproved" : "pending"]++;
    writes.push({ row: { ...row, ...routed.changes, status: routed.toStatus, version: 2 }, proposed: row, routed });
  }
  for (let start = 0; start < writes.length; start += INSERT_CHUNK) {
    const chunk = writes.slice(start, start + INSERT_CHUNK);
    const rows = await tx.recommendation.createManyAndReturn({ data: chunk.map((write) => write.row) });
    inserted.push(...rows);
  }
  await recordInsertedRouting(tx, inserted, writes, policy.version);
  await applyApprovedForecastChanges(tx, inserted, SYSTEM_ACTOR);
  return { ...summary, inserted };
}

interface RoutedInsert {
  row: Prisma.RecommendationCreateManyInput;
  proposed: Prisma.RecommendationCreateManyInput;
  routed: ReturnType<typeof routeOne>;
}

/** The Decision rows and audit records of recommendations inserted already routed, as writeDecision would have written them. */
async function recordInsertedRouting(tx: DbTransaction, inserted: readonly Recommendation[], writes: readonly RoutedInsert[], policyVersion: number) {
  const decisions: Prisma.DecisionCreateManyInput[] = [];
  const audits: AuditEventInput[] = [];
  // A run writes one recommendation per exception and rank; the returned rows are matched by that, not by position.
  const writeByKey = new Map(writes.map((write) => [`${write.row.exceptionId}|${write.row.rank}`, write]));
  for (const recommendation of inserted) {
    const { routed, proposed } = writeByKey.get(`${recommendation.exceptionId}|${recommendation.rank}`)!;
    const before: Recommendation = { ...recommendation, status: "proposed", version: 1, tier: proposed.tier, policyVersion: null };
    decisions.push({
      recommendationId: recommendation.id,
      actorId: SYSTEM_ACTOR.id,
      actorRole: SYSTEM_ACTOR.role,
      kind: routed.auto ? "auto_approve" : "route",
      fromStatus: "proposed",
      toStatus: routed.toStatus,
      quantityBefore: recommendation.quantity,
      quantityAfter: recommendation.quantity,
      reasonCode: null,
      comment: null,
      policyVersion,
    });
    audits.push({
      actor: SYSTEM_ACTOR,
      action: routed.auto ? "decision.auto_approved" : "decision.routed",
      entityType: "Recommendation",
      entityId: recommendation.id,
      before: decisionSnapshot(before),
      after: { ...decisionSnapshot(recommendation), routingReasons: routed.reasons },
      reason: null,
      planRunId: recommendation.planRunId,
      policyVersion,
    });
  }
  for (let start = 0; start < decisions.length; start += INSERT_CHUNK) await tx.decision.createMany({ data: decisions.slice(start, start + INSERT_CHUNK) });
  await recordAuditEvents(tx, audits);
}
