import "server-only";
import type { Exception, Recommendation } from "@prisma/client";
import type { Db, DbTransaction } from "../db";
import type { AuditAction } from "../../contracts/audit";
import { recordAuditEvent, recordAuditEvents, type AuditEventInput } from "../audit/record-audit-event";
import { notFound } from "../app-error";
import { runWriteTransaction } from "../write-transaction";
import { ZActionType, ZApprovalTier, type DecisionKind, type RecommendationStatus } from "../../contracts/governance";
import type { Decider, DecisionTarget } from "./decision-rights";
import { isExceptionInScope } from "./exception-scope";
import { forecastOverrideAuthors } from "./forecast-override-authors";
import { assertTransition } from "./decision-states";
import { DecisionConflictError, type FirstDecider } from "./governance-errors";
import type { SYSTEM_ACTOR, UserActor } from "../actor";

/**
 * Steps shared by every decision: load under a version check, then write state, Decision row and
 * audit record together, all inside `runDecisionTransaction`.
 */

/**
 * Runs a decision in one write transaction (lock first, wait for other writers, retry when
 * refused). The retry re-reads the item, so a loser of a cross-process race ends with the same
 * clear 409 as a loser inside one process.
 */
export function runDecisionTransaction<T>(
  db: Db,
  work: (tx: DbTransaction) => Promise<T>,
  /** A plan run's publish (thousands of items in one transaction) needs a longer timeout. */
  options?: { maxWait: number; timeout: number },
): Promise<T> {
  return runWriteTransaction(db, work, options);
}

export interface LoadedRecommendation {
  recommendation: Recommendation;
  exception: Exception;
  target: DecisionTarget;
}

/** Who changed the item last, for the 409 message; read inside the losing transaction. */
async function findLastDecider(tx: DbTransaction, recommendationId: string): Promise<FirstDecider | null> {
  const last = await tx.decision.findFirst({
    where: { recommendationId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
  });
  if (!last) return null;
  const user = last.actorId ? await tx.user.findUnique({ where: { id: last.actorId }, select: { name: true } }) : null;
  return {
    userId: last.actorId,
    name: user?.name ?? "The system",
    role: last.actorRole,
    decidedAt: last.createdAt,
    kind: last.kind as DecisionKind,
  };
}

/**
 * Loads a recommendation for a person's decision. An item outside the person's scope answers 404
 * exactly like one that does not exist — before the version check, whose 409 would name who decided
 * it, and before the rights check, whose 403 would name its action type. Then a stale version is a
 * conflict naming who changed it since.
 */
export async function loadForDecision(
  tx: DbTransaction,
  recommendationId: string,
  expectedVersion: number,
  viewer: Decider,
): Promise<LoadedRecommendation> {
  const recommendation = await tx.recommendation.findUnique({
    where: { id: recommendationId },
    include: { exception: true },
  });
  if (!recommendation) throw notFound("This recommendation");
  const { exception, ...rest } = recommendation;
  const location = await tx.location.findUnique({ where: { id: exception.locationId }, select: { code: true } });
  const place = { region: exception.region, category: exception.category, locationCode: location?.code ?? "" };
  if (!isExceptionInScope(viewer, place)) throw notFound("This recommendation");
  if (recommendation.version !== expectedVersion) {
    throw new DecisionConflictError(await findLastDecider(tx, recommendationId));
  }
  const [changers, planRun] = await Promise.all([
    tx.decision.findMany({ where: { recommendationId, kind: { in: ["route", "modify"] }, actorId: { not: null } }, select: { actorId: true } }),
    tx.planRun.findUniqueOrThrow({ where: { id: recommendation.planRunId }, select: { asOf: true } }),
  ]);
  const overriders = await forecastOverrideAuthors(tx, {
    locationId: exception.locationId,
    productId: exception.productId,
    planAsOf: planRun.asOf,
    createdAt: recommendation.createdAt,
  });
  // Both columns are written by our own code; a value outside the closed sets is a defect.
  const actionType = ZActionType.parse(recommendation.actionType);
  const tier = ZApprovalTier.parse(recommendation.tier);
  return {
    recommendation: rest,
    exception,
    target: {
      actionType,
      tier,
      place,
      changedByIds: [...changers.flatMap((c) => (c.actorId ? [c.actorId] : [])), ...overriders],
    },
  };
}

/** The fields of a recommendation that decisions change, as recorded before → after. */
export function decisionSnapshot(r: Pick<Recommendation, "status" | "quantity" | "value" | "cost" | "benefit" | "tier" | "version" | "policyVersion">) {
  return {
    status: r.status,
    quantity: r.quantity,
    value: r.value,
    cost: r.cost,
    benefit: r.benefit,
    tier: r.tier,
    policyVersion: r.policyVersion,
    version: r.version,
  };
}

export interface DecisionWrite {
  recommendation: Recommendation;
  kind: DecisionKind;
  toStatus: RecommendationStatus;
  actor: UserActor | typeof SYSTEM_ACTOR;
  auditAction: AuditAction;
  /** Further fields the decision changes on the recommendation. */
  changes?: Partial<Pick<Recommendation, "quantity" | "value" | "cost" | "benefit" | "tier" | "policyVersion" | "details" | "modifiedById" | "decidedById" | "decidedAt" | "reasonCode" | "exportId" | "expiresAt">>;
  policyVersion: number | null;
  reasonCode?: string | null;
  comment?: string | null;
  /** Extra facts for the audit record, e.g. the routing reasons. */
  auditDetails?: Record<string, unknown>;
}

/**
 * Applies one transition: checks it against the state table, updates the row only if nobody
 * changed it since it was read (version compared and bumped in the same statement), then writes
 * the Decision row and the audit record in the same transaction.
 */
export async function writeDecision(tx: DbTransaction, write: DecisionWrite): Promise<Recommendation> {
  const { recommendation: current, kind, toStatus, actor, changes = {} } = write;
  assertTransition(current.status, kind);
  const updated = await tx.recommendation.updateMany({
    where: { id: current.id, version: current.version, status: current.status },
    data: { ...changes, status: toStatus, version: { increment: 1 } },
  });
  if (updated.count === 0) throw new DecisionConflictError(await findLastDecider(tx, current.id));
  const next = await tx.recommendation.findUniqueOrThrow({ where: { id: current.id } });
  await tx.decision.create({
    data: {
      recommendationId: current.id,
      actorId: actor.id,
      actorRole: actor.role,
      kind,
      fromStatus: current.status,
      toStatus,
      quantityBefore: current.quantity,
      quantityAfter: next.quantity,
      reasonCode: write.reasonCode ?? null,
      comment: write.comment ?? null,
      policyVersion: write.policyVersion,
    },
  });
  await recordAuditEvent(tx, {
    actor,
    action: write.auditAction,
    entityType: "Recommendation",
    entityId: current.id,
    before: decisionSnapshot(current),
    after: { ...decisionSnapshot(next), ...write.auditDetails },
    reason: [write.reasonCode, write.comment].filter(Boolean).join(": ") || null,
    planRunId: current.planRunId,
    policyVersion: write.policyVersion,
  });
  return next;
}

/** Decision rows per multi-row insert. */
const DECISION_ROWS_PER_INSERT = 500;

/**
 * Applies many transitions with the same checks and rows as writeDecision — state table, update only
 * if nobody changed the row since it was read, Decision row, audit record — for the system's bulk
 * steps (a plan run's publish supersedes and routes thousands of recommendations in one
 * transaction): rows with the same change are updated by one statement, and Decision and audit rows
 * are written in multi-row inserts. All or nothing: one conflict fails the whole call.
 */
export async function writeDecisions(tx: DbTransaction, writes: readonly DecisionWrite[]): Promise<Recommendation[]> {
  const groups = new Map<string, DecisionWrite[]>();
  for (const write of writes) {
    assertTransition(write.recommendation.status, write.kind);
    const key = JSON.stringify([write.recommendation.status, write.recommendation.version, write.toStatus, write.changes ?? {}]);
    const group = groups.get(key);
    if (group) group.push(write);
    else groups.set(key, [write]);
  }
  for (const group of groups.values()) {
    const { recommendation: first, toStatus, changes = {} } = group[0]!;
    const ids = group.map((write) => write.recommendation.id);
    const updated = await tx.recommendation.updateMany({
      where: { id: { in: ids }, version: first.version, status: first.status },
      data: { ...changes, status: toStatus, version: { increment: 1 } },
    });
    if (updated.count !== ids.length) {
      const changed = await tx.recommendation.findFirst({ where: { id: { in: ids }, OR: [{ version: { not: first.version } }, { status: { not: first.status } }] }, select: { id: true } });
      throw new DecisionConflictError(changed ? await findLastDecider(tx, changed.id) : null);
    }
  }
  const nextRows = writes.map(({ recommendation: current, toStatus, changes = {} }): Recommendation => ({ ...current, ...changes, status: toStatus, version: current.version + 1 }));
  const decisions = writes.map((write, index) => ({
    recommendationId: write.recommendation.id,
    actorId: write.actor.id,
    actorRole: write.actor.role,
    kind: write.kind,
    fromStatus: write.recommendation.status,
    toStatus: write.toStatus,
    quantityBefore: write.recommendation.quantity,
    quantityAfter: nextRows[index]!.quantity,
    reasonCode: write.reasonCode ?? null,
    comment: write.comment ?? null,
    policyVersion: write.policyVersion,
  }));
  for (let start = 0; start < decisions.length; start += DECISION_ROWS_PER_INSERT) {
    await tx.decision.createMany({ data: decisions.slice(start, start + DECISION_ROWS_PER_INSERT) });
  }
  const audits: AuditEventInput[] = writes.map((write, index) => ({
    actor: write.actor,
    action: write.auditAction,
    entityType: "Recommendation",
    entityId: write.recommendation.id,
    before: decisionSnapshot(write.recommendation),
    after: { ...decisionSnapshot(nextRows[index]!), ...write.auditDetails },
    reason: [write.reasonCode, write.comment].filter(Boolean).join(": ") || null,
    planRunId: write.recommendation.planRunId,
    policyVersion: write.policyVersion,
  }));
  await recordAuditEvents(tx, audits);
  return nextRows;
}
