import "server-only";
import type { Db } from "../db";
import { enqueuePlanRun } from "../plan-runs/enqueue-plan-run";
import { executePlanRun } from "../plan-runs/execute-plan-run";

export interface ReplanAffectedSeriesResult {
  series: number;
  /** Runs made: one per product among the marked series. */
  products: number;
  succeeded: number;
  failed: number;
}

/** Series replanned per pass: a burst over the whole network is the nightly run's job, not this one's. */
const MAX_SERIES_PER_PASS = 200;

/**
 * The near-real-time replan: takes the series events marked dirty and replans each one alone,
 * through the plan-runs module's own scoped run (trigger "event"): the same snapshot loader,
 * engine and identity-preserving persistence as a full run, limited to that series, so its
 * exceptions open, update or close within seconds instead of waiting for the nightly run.
 * Marks are taken before the runs, so an event arriving meanwhile marks its series again.
 */
export async function replanAffectedSeries(db: Db): Promise<ReplanAffectedSeriesResult> {
  const marked = await db.dirtySeries.findMany({ orderBy: { markedAt: "asc" }, take: MAX_SERIES_PER_PASS });
  if (marked.length === 0) return { series: 0, products: 0, succeeded: 0, failed: 0 };
  await db.$transaction(
    marked.map((row) =>
      db.dirtySeries.deleteMany({ where: { locationId: row.locationId, productId: row.productId, markedAt: { lte: row.markedAt } } }),
    ),
  );
  // One run per touched product, over all its locations: a store's spike changes what its DC should
  // allocate and which transfers pay, so those are planned again with it.
  const products = [...new Set(marked.map((row) => row.productId))].sort((a, b) => a - b);
  let succeeded = 0;
  for (const productId of products) {
    const run = await enqueuePlanRun({ trigger: "event", scope: { productId }, origin: "events" }, { db, start: false });
    // One forecast worker: one product's series do not pay for a thread pool, and the web process keeps its cores.
    const outcome = await executePlanRun(db, run.id, { engine: { forecastWorkers: 1 } });
    if (outcome.status === "succeeded") succeeded += 1;
  }
  return { series: marked.length, products: products.length, succeeded, failed: products.length - succeeded };
}
