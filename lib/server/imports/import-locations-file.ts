import "server-only";
import { BatchedUpsert } from "./batched-upsert";
import type { FileImportOutcome, ImportFileContext } from "./import-file-context";
import { ZLocationRow } from "../../contracts/imports";
import { ImportFileError } from "./import-error";
import { parseImportRow, rowError } from "./parse-import-row";

export async function importLocationsFile(ctx: ImportFileContext): Promise<FileImportOutcome> {
  const writer = new BatchedUpsert(ctx.tx, {
    table: "Location",
    columns: ["code", "name", "type", "region", "cluster", "sourceDcCode", "createdAt", "updatedAt"],
    conflictColumns: ["code"],
    comparedColumns: ["name", "type", "region", "cluster", "sourceDcCode"],
    touchedColumns: ["updatedAt"],
  });
  const codes = new Set<string>();
  // A store may name a DC that appears further down the file, so sources are checked at the end.
  const sourceReferences: { line: number; code: string }[] = [];
  for await (const row of ctx.rows) {
    const location = parseImportRow(ZLocationRow, row, ctx.fileName);
    if (codes.has(location.code)) throw rowError(row, ctx.fileName, "code", "duplicate location code in this file");
    if (location.source_dc === null && location.type !== "DC") {
      throw rowError(row, ctx.fileName, "source_dc", `is required for a ${location.type} location`);
    }
    if (location.source_dc === location.code) throw rowError(row, ctx.fileName, "source_dc", "a location cannot replenish itself");
    codes.add(location.code);
    if (location.source_dc !== null) sourceReferences.push({ line: row.line, code: location.source_dc });
    const { code, name, type, region, cluster, source_dc } = location;
    if (writer.add([code, name, type, region, cluster, source_dc, ctx.now, ctx.now])) await writer.flush();
  }
  await writer.flush();

  ctx.refs.invalidate();
  const locations = await ctx.refs.locations();
  for (const reference of sourceReferences) {
    const source = locations.get(reference.code);
    if (source?.type === "DC") continue;
    throw new ImportFileError({
      file: ctx.fileName,
      line: reference.line,
      column: "source_dc",
      value: reference.code,
      message: source ? "is not a DC" : "unknown location code (not in this file nor in the database)",
    });
  }
  return { rows: codes.size, changed: writer.changed };
}
