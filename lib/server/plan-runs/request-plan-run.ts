import "server-only";
import { runDecisionTransaction } from "../governance/decision-transaction";
import type { PlanRun } from "@prisma/client";
import { recordAuditEvent } from "../audit/record-audit-event";
import { type Actor } from "../actor";
import type { Db, DbTransaction } from "../db";
import { SYSTEM_ACTOR } from "../actor";
import { planRunSnapshot } from "./plan-run-audit";
import { notifyPlanWorkers } from "./plan-worker-notice";
import type { TPlanRunScope, TPlanRunTrigger } from "../../contracts/plan-runs";

export interface RequestPlanRunInput {
  trigger: TPlanRunTrigger;
  /** One product at every location, or one series; null/absent = the whole network. */
  scope?: TPlanRunScope | null;
  /** The person who asked (web "Replan", CLI user, the importer); null/absent for the schedule and events. */
  requestedBy?: Actor | null;
  origin?: string;
  /** The run this one retries after its worker died. */
  retryOfId?: string;
  /** Absorb the request into a run with the same trigger and scope queued since then (several workers scheduling the same daily run). */
  onceSince?: Date;
}

/**
 * Queues a plan run inside the caller's transaction. PlanRun rows with status "queued" are the job
 * table: a run already waiting for the same scope absorbs the request instead of queuing a duplicate
 * (an import finishing during a scheduled run asks for one more run, not one per trigger).
 */
export async function queuePlanRun(tx: DbTransaction, input: RequestPlanRunInput): Promise<PlanRun> {
  const scope = input.scope ? JSON.stringify(input.scope) : null;
  const requestedBy = input.requestedBy ?? SYSTEM_ACTOR;
  const actor = { ...requestedBy, origin: input.origin ?? requestedBy.origin };
  const waiting = await tx.planRun.findFirst({ where: { status: "queued", scope }, orderBy: { queuedAt: "asc" } });
  if (waiting) return waiting;
  if (input.onceSince) {
    const already = await tx.planRun.findFirst({ where: { trigger: input.trigger, scope, queuedAt: { gte: input.onceSince } }, orderBy: { queuedAt: "asc" } });
    if (already) return already;
  }
  const created = await tx.planRun.create({
    // asOf is a placeholder until the run reads its snapshot and knows the last sales date.
    data: { status: "queued", trigger: input.trigger, requestedById: actor.id, asOf: new Date(), scope, retryOfId: input.retryOfId ?? null },
  });
  await recordAuditEvent(tx, {
    actor,
    action: "plan_run.queued",
    entityType: "PlanRun",
    entityId: created.id,
    after: planRunSnapshot(created),
    planRunId: created.id,
  });
  return created;
}

/**
 * The one door to a plan: imports, events, the daily schedule, the Replan button and the CLI all ask
 * here. It queues the run and returns its row at once; a plan worker (never a web request) runs it.
 */
export async function requestPlanRun(db: Db, input: RequestPlanRunInput): Promise<PlanRun> {
  // Write lock first, retried when SQLite is busy: a request must not fail because a worker is publishing.
  const run = await runDecisionTransaction(db, (tx) => queuePlanRun(tx, input));
  notifyPlanWorkers();
  return run;
}

/** One store×SKU (or DC×SKU) series. */
export interface PlanSeries {
  locationId: number;
  productId: number;
}

/**
 * Replans the series whose forecast a person's decision just changed — a forecast override, or the
 * approval of a recommended forecast change — so the policy, projection, exceptions and
 * recommendations follow the new number now rather than at the next scheduled run. Call it after
 * the decision's transaction committed: a refused or failed decision asks for nothing. A run scopes
 * one series or one product at every location, so several series coalesce per product: the series
 * alone when it is its product's only one here (as a single override always is), else the whole
 * product (what an event replan plans). All are queued in one transaction, and a run already waiting
 * for the same scope absorbs its request. Returns one run per product, in product order; none for no series.
 * A replan that cannot be queued is logged and left to the next scheduled run, which plans the
 * change anyway: the decision has committed, and an error would tell the person it had failed.
 */
export async function requestSeriesReplan(db: Db, requestedBy: Actor, series: readonly PlanSeries[]): Promise<PlanRun[]> {
  const locationsByProduct = new Map<number, Set<number>>();
  for (const { locationId, productId } of series) {
    const locations = locationsByProduct.get(productId) ?? new Set<number>();
    locationsByProduct.set(productId, locations.add(locationId));
  }
  if (locationsByProduct.size === 0) return [];
  // Keys in ZPlanRunScope's order: a waiting run is matched on the scope's JSON, and a retried run's is parsed.
  const scopes = [...locationsByProduct]
    .sort(([a], [b]) => a - b)
    .map(([productId, locations]): TPlanRunScope => (locations.size === 1 ? { productId, locationId: [...locations][0]! } : { productId }));
  try {
    const runs = await runDecisionTransaction(db, async (tx) => {
      const queued: PlanRun[] = [];
      for (const scope of scopes) queued.push(await queuePlanRun(tx, { trigger: "event", requestedBy, scope }));
      return queued;
    });
    notifyPlanWorkers();
    return runs;
  } catch (error) {
    console.error(`the replan of ${series.length} series after a decision could not be queued; the next scheduled run plans them`, error);
    return [];
  }
}
