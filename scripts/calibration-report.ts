/**
 * `npm run report:calibration -- FILE [FILE …]`
 *
 * Reads the `--json` results of `npm run simulate` (several seeds, sizes) and prints one
 * calibration table in Markdown: for each checked exception type and stated-confidence bucket, the
 * claims settled against the hidden truth, the mean confidence they stated and the share that came
 * true. A calibrated confidence has a hit rate close to its mean stated confidence.
 */
import { readFile } from "node:fs/promises";
import { z } from "zod";
import { calibrationTable, type CalibrationRow } from "../lib/engine/simulation/exception-quality";

const ZCalibrationRow = z.object({
  type: z.string(),
  from: z.number(),
  to: z.number(),
  claims: z.number().int().nonnegative(),
  hits: z.number().int().nonnegative(),
  meanConfidence: z.number(),
  hitRate: z.number(),
});
const ZSimulationJson = z.object({
  seed: z.number().int(),
  size: z.string(),
  days: z.number().int(),
  exceptions: z.object({ calibration: z.array(ZCalibrationRow) }),
});

async function main() {
  const files = process.argv.slice(2);
  if (files.length === 0) {
    console.error("usage: npm run report:calibration -- FILE [FILE …]  (files written by npm run simulate -- --json FILE)");
    process.exit(2);
  }
  const rows: CalibrationRow[] = [];
  const runs: string[] = [];
  for (const file of files) {
    const parsed = ZSimulationJson.safeParse(JSON.parse(await readFile(file, "utf8")));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      console.error(`${file}: ${issue.path.join(".") || "(root)"}: ${issue.message} — is it a simulate --json file with calibration?`);
      process.exit(2);
    }
    rows.push(...parsed.data.exceptions.calibration);
    runs.push(`${parsed.data.size} seed ${parsed.data.seed} × ${parsed.data.days} days`);
  }
  console.log(`Confidence calibration over ${runs.join(", ")}\n`);
  console.log("| type | stated confidence | claims | mean stated | came true |");
  console.log("|---|---|---|---|---|");
  for (const row of mergeRuns(rows)) {
    console.log(`| ${row.type} | ${row.from.toFixed(2)}–${row.to.toFixed(2)} | ${row.claims} | ${row.meanConfidence.toFixed(3)} | ${row.hitRate.toFixed(3)} |`);
  }
}

/** Pools the runs' buckets: the same bucket of the same type adds up, weighted by its claims. */
function mergeRuns(rows: readonly CalibrationRow[]): CalibrationRow[] {
  const pooled = new Map<string, { confidence: number; hit: boolean }[]>();
  const order: string[] = [];
  for (const row of rows) {
    if (!pooled.has(row.type)) {
      pooled.set(row.type, []);
      order.push(row.type);
    }
    // A bucket's claims stand in at its mean confidence, which keeps the bucket and its weighted mean.
    const outcomes = pooled.get(row.type)!;
    for (let claim = 0; claim < row.claims; claim += 1) outcomes.push({ confidence: row.meanConfidence, hit: claim < row.hits });
  }
  return order.flatMap((type) => calibrationTable(type, pooled.get(type)!));
}

await main();
