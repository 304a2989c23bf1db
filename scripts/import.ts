/** `npm run import -- DIR`: imports the canonical CSV files found in DIR as one batch. */
import { createReadStream, readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileKindFromName, importBatch, IMPORT_FILE_KINDS, type ImportFileInput } from "../lib/server/imports/import-batch";
import { formatImportError } from "../lib/contracts/imports";
import { requestPlanRun } from "../lib/server/plan-runs/request-plan-run";
import { cliActor } from "../lib/server/actor";
import { db } from "../lib/server/db";

async function main() {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: npm run import -- DIR");
  const files: ImportFileInput[] = readdirSync(dir).flatMap((name) => {
    const kind = fileKindFromName(name);
    if (kind === null) return [];
    const file = path.join(dir, name);
    return [{ kind, fileName: name, open: () => createReadStream(file), sizeBytes: statSync(file).size }];
  });
  if (files.length === 0) throw new Error(`no canonical files in ${dir}; expected any of ${IMPORT_FILE_KINDS.map((k) => `${k}.csv`).join(", ")}`);

  const result = await importBatch(db, {
    files,
    actor: cliActor(),
    source: "cli",
    rowCheckThreads: { threads: availableParallelism() },
    onProgress: ({ fileName, rows, bytesRead, sizeBytes }) => {
      const percent = sizeBytes ? ` ${((100 * bytesRead) / sizeBytes).toFixed(0)}%` : "";
      process.stderr.write(`\r${fileName}: ${rows.toLocaleString("en-US")} rows${percent}   `);
    },
  });
  process.stderr.write("\n");
  if (result.status === "failed") {
    console.error(`Import failed (batch ${result.batchId}): ${formatImportError(result.error)}`);
    if (result.hint) console.error(`Hint: ${result.hint}`);
    if (result.errors.length > 1) {
      console.error(`${result.errors.length}${result.moreErrors ? "+" : ""} problems in ${result.error.file}:`);
      for (const detail of result.errors) console.error(`  ${formatImportError(detail)}`);
    }
    process.exitCode = 1;
    return;
  }
  for (const kind of IMPORT_FILE_KINDS) {
    const rows = result.rows[kind];
    if (rows !== undefined) console.log(`${`${kind}.csv`.padEnd(20)} ${rows.toLocaleString("en-US").padStart(12)} rows`);
  }
  const note = result.unchanged ? " — no row changed" : "";
  console.log(`Batch ${result.batchId} imported in ${(result.durationMs / 1000).toFixed(1)} s${note}`);
  if (!result.unchanged) {
    // Queued, not run here: the server's plan runner picks it up, or `npm run plan` runs it now.
    const run = await requestPlanRun(db, { trigger: "import", requestedBy: cliActor() });
    console.log(`Plan run ${run.id} queued (the server runs it; \`npm run plan\` runs it now)`);
  }
}

await main();
