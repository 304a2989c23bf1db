import "server-only";
import type { Db } from "../db";
import { readPlanSchedule } from "./plan-schedule";
import type { TPlanRunList } from "../../contracts/plan-runs";
import { toPlanRunViews } from "./to-plan-run-view";

const LATEST_RUNS = 20;

/** The latest runs (newest first), the latest successful one (whose exceptions the queue shows), and the schedule. */
export async function listPlanRuns(db: Db): Promise<TPlanRunList> {
  const [runs, latestSucceeded] = await Promise.all([
    db.planRun.findMany({ orderBy: [{ queuedAt: "desc" }, { id: "desc" }], take: LATEST_RUNS }),
    db.planRun.findFirst({ where: { status: "succeeded", scope: null }, orderBy: { finishedAt: "desc" } }),
  ]);
  const [views, latest] = await Promise.all([toPlanRunViews(db, runs), latestSucceeded ? toPlanRunViews(db, [latestSucceeded]) : []]);
  return { runs: views, latestSucceeded: latest[0] ?? null, schedule: { dailyAt: readPlanSchedule() } };
}
