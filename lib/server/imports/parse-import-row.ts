import "server-only";
import type { z } from "zod";
import { ImportFileError } from "./import-error";
import type { CsvRow } from "./read-csv-rows";

/** Validates one CSV row with its zod schema; the first issue becomes a precise ImportFileError. */
export function parseImportRow<Schema extends z.ZodType>(schema: Schema, row: CsvRow, fileName: string): z.output<Schema> {
  const result = schema.safeParse(row.values);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const column = typeof issue?.path[0] === "string" ? issue.path[0] : null;
  throw new ImportFileError({
    file: fileName,
    line: row.line,
    column,
    value: column === null ? null : (row.values[column] ?? null),
    message: issue?.message ?? "is invalid",
  });
}

/** For rules beyond a single cell's shape: unknown references, duplicates, cross-column checks. */
export function rowError(row: CsvRow, fileName: string, column: string | null, message: string): ImportFileError {
  return new ImportFileError({
    file: fileName,
    line: row.line,
    column,
    value: column === null ? null : (row.values[column] ?? null),
    message,
  });
}
