import "server-only";
import type { PlanRun } from "@prisma/client";
import type { Db } from "../db";
import { ZPlanRunScope, type TPlanRunCounts, type TPlanRunStage, type TPlanRunStatus, type TPlanRunTimings, type TPlanRunTrigger, type TPlanRunView } from "../../contracts/plan-runs";

function parseObject<T>(json: string | null): T | null {
  if (json === null) return null;
  try {
    return JSON.parse(json) as T;
  } catch {
    return null;
  }
}

/** PlanRun rows → API views, with the requesting user's name looked up once for all rows. */
export async function toPlanRunViews(db: Db, runs: readonly PlanRun[]): Promise<TPlanRunView[]> {
  const requesterIds = [...new Set(runs.flatMap((run) => (run.requestedById ? [run.requestedById] : [])))];
  const requesters = requesterIds.length > 0 ? await db.user.findMany({ where: { id: { in: requesterIds } }, select: { id: true, name: true } }) : [];
  const requesterById = new Map(requesters.map((user) => [user.id, user]));
  return runs.map((run) => {
    const scope = ZPlanRunScope.safeParse(parseObject<unknown>(run.scope));
    return {
      id: run.id,
      // Written only by this module's code: the closed sets hold.
      status: run.status as TPlanRunStatus,
      trigger: run.trigger as TPlanRunTrigger,
      requestedBy: run.requestedById ? (requesterById.get(run.requestedById) ?? { id: run.requestedById, name: "Unknown user" }) : null,
      asOf: run.asOf.toISOString().slice(0, 10),
      queuedAt: run.queuedAt.toISOString(),
      startedAt: run.startedAt?.toISOString() ?? null,
      finishedAt: run.finishedAt?.toISOString() ?? null,
      stage: run.stage as TPlanRunStage | null,
      progress: run.progress,
      stageTimings: parseObject<TPlanRunTimings>(run.stageTimings),
      counts: parseObject<TPlanRunCounts>(run.counts),
      inputHash: run.inputHash,
      engineVersion: run.engineVersion,
      policyVersion: run.policyVersion,
      error: run.error,
      scope: scope.success ? scope.data : null,
    };
  });
}
