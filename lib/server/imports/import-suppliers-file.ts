import "server-only";
import { BatchedUpsert } from "./batched-upsert";
import type { FileImportOutcome, ImportFileContext } from "./import-file-context";
import { ZSupplierRow } from "../../contracts/imports";
import { parseImportRow, rowError } from "./parse-import-row";

export async function importSuppliersFile(ctx: ImportFileContext): Promise<FileImportOutcome> {
  const writer = new BatchedUpsert(ctx.tx, {
    table: "Supplier",
    columns: ["code", "name", "promisedLeadTimeDays", "createdAt", "updatedAt"],
    conflictColumns: ["code"],
    comparedColumns: ["name", "promisedLeadTimeDays"],
    touchedColumns: ["updatedAt"],
  });
  const codes = new Set<string>();
  for await (const row of ctx.rows) {
    const supplier = parseImportRow(ZSupplierRow, row, ctx.fileName);
    if (codes.has(supplier.code)) throw rowError(row, ctx.fileName, "code", "duplicate supplier code in this file");
    codes.add(supplier.code);
    if (writer.add([supplier.code, supplier.name, supplier.promised_lead_time_days, ctx.now, ctx.now])) await writer.flush();
  }
  await writer.flush();
  return { rows: codes.size, changed: writer.changed };
}
