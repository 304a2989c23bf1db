/**
 * `npm run simulate -- [--size small|medium] [--seed N] [--days 90] [--policies stockpilot,minmax,none]
 *  [--planner-capacity 30] [--json FILE] [--stockout-gate P]`
 *
 * Runs the demo retailer's digital twin through the plan engine once per policy (one worker thread
 * per policy, as many at once as there are cores) and prints the
 * decision-quality figures; `--json` writes them to FILE, and the result is saved in the database,
 * where the dashboard's "Decision quality" shows the latest. `--stockout-gate P` raises projected
 * stock-outs from chance P instead of the engine's gate, to read the precision/recall trade-off
 * below it; such a run is not saved.
 */
import { existsSync } from "node:fs";
import { writeFile } from "node:fs/promises";
import { parseArgs } from "node:util";
import { z } from "zod";
import { DEMO_SIZES } from "../lib/demo/demo-sizes";
import { toDecisionQualityReport } from "../lib/engine/simulation/decision-quality-report";
import { STOCKOUT_PRECISION_TARGET } from "../lib/engine/simulation/decision-quality-targets";
import { SIMULATION_POLICIES } from "../lib/engine/simulation/run-simulation";
import { DEFAULT_APPROVAL_POLICY_RULES } from "../lib/server/governance/default-approval-policy";
import { databaseUrl } from "../prisma/database-url";
import { simulateInThreads } from "./lib/simulate-in-threads";

const ZSimulateArgs = z.object({
  size: z.enum(["small", "medium"]).default("small"),
  seed: z.coerce.number().int().nonnegative().default(1),
  days: z.coerce.number().int().min(7).max(365).default(90),
  policies: z
    .string()
    .default(SIMULATION_POLICIES.join(","))
    .transform((value) => value.split(",").map((name) => name.trim()))
    .pipe(z.array(z.enum(SIMULATION_POLICIES)).min(1)),
  // A planner decides what the approval policy offers them a day.
  "planner-capacity": z.coerce.number().int().min(0).default(DEFAULT_APPROVAL_POLICY_RULES.dailyItemsPerPlanner),
  json: z.string().min(1).optional(),
  // Reads the stock-out precision/recall trade-off below the engine's gate; not for the targets.
  "stockout-gate": z.coerce.number().min(0).max(1).optional(),
});

async function main() {
  const { values } = parseArgs({
    options: {
      size: { type: "string" },
      seed: { type: "string" },
      days: { type: "string" },
      policies: { type: "string" },
      "planner-capacity": { type: "string" },
      json: { type: "string" },
      "stockout-gate": { type: "string" },
    },
  });
  const parsed = ZSimulateArgs.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${issue.path.join(".")}: ${issue.message}`);
    process.exit(2);
  }
  const args = parsed.data;
  const started = performance.now();
  const planners = DEMO_SIZES[args.size].dcs;
  const total = args.policies.length * args.days;
  let done = 0;
  const { result, seriesCount } = await simulateInThreads(
    {
      size: args.size,
      seed: args.seed,
      days: args.days,
      plannerCapacity: args["planner-capacity"],
      planners,
      ...(args["stockout-gate"] === undefined ? {} : { stockoutGate: args["stockout-gate"] }),
    },
    args.policies,
    (policy, day) => {
      done += 1;
      drawProgress(done, total, `${policy} day ${day + 1}/${args.days}`, started);
    },
  );
  process.stderr.write("\n");
  const report = toDecisionQualityReport(result, { seed: args.seed, size: args.size, plannerCapacity: args["planner-capacity"] });
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (args.json) await writeFile(args.json, json);
  // A run with another stock-out gate is an experiment, not the product's figures.
  if (args["stockout-gate"] === undefined) await saveForDashboard(report);
  else console.log(`Not saved for the dashboard: stock-out gate ${args["stockout-gate"]} instead of the engine's.`);
  printSummary(report);
  for (const [policy, plans] of Object.entries(result.plans)) {
    if (plans.count > 0) console.log(`${policy}: ${plans.count} plans, ${(plans.milliseconds / plans.count / 1000).toFixed(2)} s each`);
  }
  console.log(`${seriesCount.toLocaleString("en-US")} series × ${args.days} days in ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/** The dashboard shows the newest saved run; without a database the figures are still printed and written. */
async function saveForDashboard(report: ReturnType<typeof toDecisionQualityReport>): Promise<void> {
  const url = databaseUrl();
  if (url.startsWith("file:") && !existsSync(url.slice("file:".length))) {
    console.warn(`Not saved for the dashboard: no database at ${url} (npm run demo or npm run db:migrate creates it).`);
    return;
  }
  try {
    const { db } = await import("../lib/server/db");
    const { saveSimulationRun } = await import("../lib/server/simulation/save-simulation-run");
    await saveSimulationRun(db, report);
    await db.$disconnect();
    console.log("Saved: the dashboard's Decision quality shows this run.");
  } catch (error) {
    console.warn(`Not saved for the dashboard: ${error instanceof Error ? error.message.split("\n")[0] : String(error)} (is the database migrated? npm run db:migrate)`);
  }
}

function drawProgress(done: number, total: number, label: string, started: number): void {
  if (!process.stderr.isTTY && done !== total && done % 10 !== 0) return;
  const width = 30;
  const filled = Math.round((done / total) * width);
  const seconds = (performance.now() - started) / 1000;
  const line = `[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${done}/${total} ${label} ${seconds.toFixed(0)} s`;
  process.stderr.write(process.stderr.isTTY ? `\r${line}` : `${line}\n`);
}

function printSummary(report: ReturnType<typeof toDecisionQualityReport>): void {
  const rows = Object.entries(report.policies).map(([name, figures]) => ({
    policy: name,
    "in-stock %": figures.inStockPct,
    "fill rate": figures.fillRate,
    "lost sales $": figures.lostSalesValue,
    "avg inventory $": figures.avgInventoryValue,
    "total cost $": figures.totalCost,
    "decisions/planner-day": figures.decisionsPerPlannerDay,
  }));
  console.table(rows);
  const { calibration, stockoutEpisodeCauses, ...exceptions } = report.exceptions;
  console.log("exceptions:", JSON.stringify(exceptions));
  console.log(
    `stock-out recall (run without action): ${exceptions.recall ?? "–"} of ${exceptions.stockoutEpisodes} episodes flagged in time; ` +
      `margin-weighted ${exceptions.marginWeightedRecall ?? "–"} of their $${exceptions.stockoutEpisodeLostMargin.toLocaleString("en-US")} lost margin`,
  );
  // The bound: the lowest threshold of the true chance whose claims meet the precision target.
  const bound = exceptions.stockoutTrueChanceFrontier.find((row) => row.precision !== null && row.precision >= STOCKOUT_PRECISION_TARGET);
  if (bound) {
    console.log(
      `claims on the true chance of an empty shelf (knowing the shelf, the demand rates and every arrival) at ≥ ${bound.threshold}: ` +
        `precision ${bound.precision}, recall ${bound.recall}, margin-weighted ${bound.marginWeightedRecall} — what a projection can reach at the precision target`,
    );
  }
  console.log(`stock-out episodes by cause (run without action; recall = flagged / ${exceptions.stockoutEpisodes}):`);
  console.table(Object.entries(stockoutEpisodeCauses).map(([cause, episodes]) => ({ cause, episodes, share: exceptions.stockoutEpisodes > 0 ? episodes / exceptions.stockoutEpisodes : null })));
  console.log("confidence calibration (stated confidence bucket → share the hidden truth bore out, run without action):");
  console.table(
    calibration.map((row) => ({
      type: row.type,
      confidence: `${row.from.toFixed(2)}–${row.to.toFixed(2)}`,
      claims: row.claims,
      "mean stated": row.meanConfidence,
      "hit rate": row.hitRate,
    })),
  );
}

await main();
