import "server-only";
import type { DecisionQualityReport } from "../../engine/simulation/decision-quality-report";
import type { Db } from "../db";

/** Keeps a simulation's report; the dashboard shows the newest. */
export async function saveSimulationRun(db: Db, report: DecisionQualityReport): Promise<{ id: string }> {
  return db.simulationRun.create({
    data: { size: report.size, seed: report.seed, days: report.days, report: JSON.stringify(report) },
    select: { id: true },
  });
}
