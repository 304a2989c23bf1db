import "server-only";
import type { PlanRun } from "@prisma/client";
import { recordAuditEvent, type AuditActor } from "../audit/record-audit-event";
import { db as defaultDb, type Db } from "../db";
import { SYSTEM_ACTOR } from "../governance/governance-actor";
import { planRunSnapshot } from "./plan-run-audit";
import { startPlanRunQueue } from "./plan-run-queue";
import type { TPlanRunScope, TPlanRunTrigger } from "./plan-runs.types";

export interface EnqueuePlanRunInput {
  trigger: TPlanRunTrigger;
  /** The person who asked (web "Replan", CLI user, the importer); null/absent for the schedule. */
  requestedBy?: AuditActor | null;
  origin?: string;
  /** Limit the run to one series (replan after a forecast override). */
  scope?: TPlanRunScope | null;
}

export interface EnqueuePlanRunOptions {
  db?: Db;
  /** Start this process's queue runner at once (default). The CLI and tests run the row themselves. */
  start?: boolean;
}

/**
 * Queues a plan run and returns its row at once; the run itself happens off the request path (see
 * plan-run-queue.ts). PlanRun rows with status "queued" are the job table: a run already waiting
 * for the same scope absorbs the request instead of queuing a duplicate (an import finishing during
 * a scheduled run asks for one more run, not one per trigger).
 */
export async function enqueuePlanRun(input: EnqueuePlanRunInput, options: EnqueuePlanRunOptions = {}): Promise<PlanRun> {
  const db = options.db ?? defaultDb;
  const scope = input.scope ? JSON.stringify(input.scope) : null;
  const actor = input.requestedBy ?? { userId: SYSTEM_ACTOR.id, role: SYSTEM_ACTOR.role };
  const run = await db.$transaction(async (tx) => {
    const waiting = await tx.planRun.findFirst({ where: { status: "queued", scope }, orderBy: { queuedAt: "asc" } });
    if (waiting) return waiting;
    const created = await tx.planRun.create({
      // asOf is a placeholder until the run reads its snapshot and knows the last sales date.
      data: { status: "queued", trigger: input.trigger, requestedById: actor.userId, asOf: new Date(), scope },
    });
    await recordAuditEvent(tx, {
      actor,
      action: "plan_run.queued",
      entityType: "PlanRun",
      entityId: created.id,
      after: planRunSnapshot(created),
      planRunId: created.id,
      origin: input.origin ?? SYSTEM_ACTOR.origin,
    });
    return created;
  });
  if (options.start ?? true) void startPlanRunQueue();
  return run;
}
