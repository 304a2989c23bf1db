/**
 * `npm run bench:exceptions`: runs the engine on the imported data (no writes) and prints what the
 * queue would hold — exceptions per type, share of series with one, confidence, actions per kind,
 * duplicate actions, phantom-stock and stale-PO evidence — and, with `--twice`, whether a second
 * run on the same input gives byte-identical exceptions.
 */
import { db } from "../lib/server/db";
import { RECENT_SALE_DAYS } from "../lib/engine/forecast/forecast-series";
import { actionIdentity } from "../lib/engine/exceptions/rank-exceptions";
import { runPlan } from "../lib/engine/plan/run-plan";
import { loadPlanInputs } from "../lib/server/plan-runs/load-plan-inputs";
import { createPlanForecastStep } from "../lib/server/plan-runs/plan-forecast-step";
import { planEngineOptions } from "../lib/server/plan-runs/plan-engine-options";
import { simulationGovernance } from "./lib/simulation-governance";

const twice = process.argv.includes("--twice");

async function main() {
  const inputs = await loadPlanInputs(db, null);
  const run = async () => {
    const { step } = createPlanForecastStep(inputs.overrides, async () => undefined);
    const started = performance.now();
    const result = await runPlan(inputs.snapshot, planEngineOptions(inputs), step);
    return { result, seconds: (performance.now() - started) / 1000 };
  };
  const { result, seconds } = await run();
  const exceptions = result.exceptions;
  const seriesCount = result.series.length;
  // A cluster's item flags each of its stores' series.
  const seriesOf = (some: typeof exceptions) => new Set(some.flatMap((exception) => (exception.group?.members ?? [exception]).flatMap((one) => (one.seriesId ? [one.seriesId] : []))));
  const flaggedSeries = seriesOf(exceptions);
  // What the queue offers: items below the default policy's value bar are listed apart and asked of nobody.
  const offeredSeries = seriesOf(
    exceptions.filter((exception) => {
      const best = exception.actions[0];
      return !best || !simulationGovernance.belowValueBar(best);
    }),
  );
  // What the queue holds open after the run: an item whose best action the policy approves on its own is resolved by the run itself.
  const openSeries = seriesOf(exceptions.filter((exception) => !exception.actions[0] || simulationGovernance.routeAction(exception.actions[0], exception) !== "auto"));
  const groups = exceptions.filter((exception) => exception.group);
  const byType = new Map<string, number>();
  for (const exception of exceptions) byType.set(exception.type, (byType.get(exception.type) ?? 0) + 1);
  const actionsByKind = new Map<string, number>();
  const seenActions = new Set<string>();
  let duplicateActions = 0;
  for (const exception of exceptions) {
    for (const action of exception.actions) {
      actionsByKind.set(action.kind, (actionsByKind.get(action.kind) ?? 0) + 1);
      const key = actionIdentity(exception, action);
      if (key === undefined) continue;
      if (seenActions.has(key)) duplicateActions += 1;
      seenActions.add(key);
    }
  }
  const confidences = exceptions.map((exception) => exception.score.confidence);
  const storeSeries = result.series.filter((plan) => !plan.locationId.startsWith("DC")).length;
  console.log(`as of day ${result.asOf}: ${seriesCount} series (${storeSeries} at stores/ecom), engine ${seconds.toFixed(1)} s`);
  console.log(`exceptions: ${exceptions.length}; series with an exception: ${flaggedSeries.size} = ${((100 * flaggedSeries.size) / seriesCount).toFixed(1)}%`);
  console.log(`series with an exception above the value bar (what the queue offers): ${offeredSeries.size} = ${((100 * offeredSeries.size) / seriesCount).toFixed(1)}%`);
  console.log(`series with an exception left open after the run's automatic approvals: ${openSeries.size} = ${((100 * openSeries.size) / seriesCount).toFixed(1)}%`);
  console.log(`by type: ${[...byType].sort().map(([type, count]) => `${type} ${count}`).join(", ")}`);
  const monitoredDrift = result.driftFindings.filter((finding) => !finding.passedValueBar);
  console.log(
    `forecast drift findings (the run's monitoring record): ${result.driftFindings.length}, of them below the value bar (monitored, not raised): ${monitoredDrift.length}, $${Math.round(monitoredDrift.reduce((sum, finding) => sum + finding.moneyAtRisk, 0))} at risk together`,
  );
  console.log(`cluster items: ${groups.length}, standing for ${groups.reduce((sum, group) => sum + group.group!.members.length, 0)} store exceptions`);
  console.log(
    `confidence: ≥0.99 ${confidences.filter((c) => c >= 0.99).length}, 1.0 ${confidences.filter((c) => c >= 1).length}, median ${median(confidences).toFixed(2)}`,
  );
  console.log(`actions: ${[...actionsByKind].sort().map(([kind, count]) => `${kind} ${count}`).join(", ")}; duplicates ${duplicateActions}`);
  const negativeNetMarkdowns = exceptions.flatMap((e) => e.actions).filter((a) => a.kind === "markdown" && a.netBenefit < 0).length;
  console.log(`markdowns with negative net benefit: ${negativeNetMarkdowns}`);
  const zeroForecast = result.series.filter((plan) => plan.forecast.horizonUnits === 0);
  const lastSaleDay = new Map(inputs.snapshot.demand.map((series) => [series.id, series.firstDay + series.units.findLastIndex((units) => units > 0)]));
  const recentSellers = zeroForecast.filter((plan) => (lastSaleDay.get(plan.seriesId) ?? -Infinity) > result.asOf - RECENT_SALE_DAYS).length;
  console.log(`series with an all-zero forecast: ${zeroForecast.length}, of them sold in the last 8 weeks: ${recentSellers}`);
  for (const id of ["S002|SKU0004", "S003|SKU0008"]) {
    for (const exception of exceptions.filter((e) => e.seriesId === id)) {
      console.log(`  ${id}: ${exception.type} conf ${exception.score.confidence.toFixed(2)} — ${exception.rootCause}`);
      for (const action of exception.actions) console.log(`    ${action.kind} ${action.quantity} net ${action.netBenefit.toFixed(0)}`);
    }
  }
  const supplierDelays = exceptions.filter((e) => e.type === "supplier-delay");
  for (const exception of supplierDelays.slice(0, 5)) {
    console.log(`  ${exception.id}: ${exception.rootCause.slice(0, 200)} → ${exception.actions.map((a) => `${a.kind} ${a.quantity}`).join(", ")}`);
  }
  if (twice) {
    const second = await run();
    const same = JSON.stringify(second.result.exceptions) === JSON.stringify(exceptions);
    console.log(`second run on the same input: exceptions ${same ? "identical" : "DIFFERENT"}`);
  }
  await db.$disconnect();
}

function median(values: readonly number[]): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

await main();
