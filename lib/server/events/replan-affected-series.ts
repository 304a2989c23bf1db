import "server-only";
import type { Db } from "../db";
import { requestPlanRun } from "../plan-runs/request-plan-run";

export interface ReplanAffectedSeriesResult {
  series: number;
  /** Runs requested: one per product among the marked series (a run already waiting absorbs a request). */
  products: number;
  runIds: string[];
}

/** Products replanned per pass: a burst over the whole network is the nightly run's job, not this one's. */
const MAX_PRODUCTS_PER_PASS = 200;

/**
 * The near-real-time replan: asks the plan workers, through the one door, for a run of every product
 * whose series events marked dirty (trigger "event"): the same snapshot loader, engine and
 * identity-preserving persistence as a full run, limited to that product at every location — a
 * store's spike changes what its DC should allocate and which transfers pay. The engine never runs
 * here (this is called from the web process). Marks stay until a run that saw them publishes, so a
 * crash between here and there loses nothing.
 */
export async function replanAffectedSeries(db: Db): Promise<ReplanAffectedSeriesResult> {
  const marked = await db.dirtySeries.groupBy({ by: ["productId"], _count: { _all: true }, orderBy: { productId: "asc" }, take: MAX_PRODUCTS_PER_PASS });
  const runIds: string[] = [];
  for (const { productId } of marked) {
    runIds.push((await requestPlanRun(db, { trigger: "event", scope: { productId }, origin: "events" })).id);
  }
  return { series: marked.reduce((sum, row) => sum + row._count._all, 0), products: marked.length, runIds };
}
