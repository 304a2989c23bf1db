import "server-only";
import type { Db } from "../db";
import { notFound } from "../app-error";
import type { TPlanRunView } from "../../contracts/plan-runs";
import { toPlanRunViews } from "./to-plan-run-view";

/** Status, stage, progress, timings and counts of one run, for the live progress view. */
export async function getPlanRun(db: Db, runId: string): Promise<TPlanRunView> {
  const run = await db.planRun.findUnique({ where: { id: runId } });
  if (!run) throw notFound("This plan run");
  const [view] = await toPlanRunViews(db, [run]);
  return view!;
}
