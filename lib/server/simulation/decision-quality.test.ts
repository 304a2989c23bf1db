import { describe, expect, it } from "vitest";
import { toDecisionQualityReport } from "../../engine/simulation/decision-quality-report";
import { defaultSimulationOptions, runSimulation } from "../../engine/simulation/run-simulation";
import { buildHandNetwork, testGovernance } from "../../engine/simulation/simulation-fixtures";
import { db } from "../db";
import { getLatestDecisionQuality } from "./get-latest-decision-quality";
import { saveSimulationRun } from "./save-simulation-run";

async function simulatedReport(seed: number) {
  const twin = buildHandNetwork({ days: 10, historyDays: 60, dailyDemand: [2, 1], onHand: [3, 5], dcOnHand: 50, unitCost: 10, unitPrice: 25, casePack: 1, supplierLeadTimeDays: 5 });
  const result = await runSimulation(twin, { ...defaultSimulationOptions, governance: testGovernance, policies: ["minmax", "none"] });
  return toDecisionQualityReport(result, { seed, size: "small", plannerCapacity: 30 });
}

describe("decision quality on the dashboard", () => {
  it("is null before any simulation, then the newest readable run with its targets judged", async () => {
    expect(await getLatestDecisionQuality(db)).toBeNull();

    const older = await simulatedReport(1);
    await saveSimulationRun(db, older);
    const newer = await simulatedReport(2);
    await saveSimulationRun(db, newer);
    const latest = await getLatestDecisionQuality(db);
    expect(latest?.report.seed).toBe(2);
    expect(latest?.report.policies.minmax?.fillRate).toBe(newer.policies.minmax!.fillRate);
    // Stockpilot was not simulated: the targets comparing it to min-max stay open.
    expect(latest?.targets.find((target) => target.id === "in-stock")?.met).toBeNull();
    expect(latest?.targets.find((target) => target.id === "recall")?.value).toBe(newer.exceptions.recall);

    // A report that no longer reads (hand-edited, older format) is passed over, not half-shown.
    await db.simulationRun.create({ data: { size: "small", seed: 3, days: 10, report: JSON.stringify({ seed: 3, policies: "broken" }), createdAt: new Date(Date.now() + 60_000) } });
    expect((await getLatestDecisionQuality(db))?.report.seed).toBe(2);
  });
});
