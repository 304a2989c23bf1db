import "server-only";
import { assessDecisionQualityTargets } from "../../engine/simulation/decision-quality-targets";
import type { Db } from "../db";
import { ZStoredDecisionQuality, type TDecisionQuality } from "../../contracts/simulation";

/**
 * The newest simulation whose report still reads as expected, with its targets judged; null when
 * none was run. A report that no longer parses is skipped rather than shown half-read.
 */
export async function getLatestDecisionQuality(db: Db): Promise<TDecisionQuality | null> {
  const runs = await db.simulationRun.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], take: 5 });
  for (const run of runs) {
    let json: unknown;
    try {
      json = JSON.parse(run.report);
    } catch {
      continue;
    }
    const parsed = ZStoredDecisionQuality.safeParse(json);
    if (!parsed.success) continue;
    return { ranAt: run.createdAt.toISOString(), report: parsed.data, targets: assessDecisionQualityTargets(parsed.data) };
  }
  return null;
}
