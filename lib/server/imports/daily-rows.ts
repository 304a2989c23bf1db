import "server-only";
import { parse, CsvError } from "csv-parse/sync";
import type { z } from "zod";
import type { CalendarDay } from "../../engine/calendar";
import { type CsvColumns, type ImportErrorDetail, CSV_COLUMNS, ZInventoryRow, ZReturnsRow, ZSalesRow } from "../../contracts/imports";
import type { SqlValue, UpsertTarget } from "./batched-upsert";
import { ImportFileError } from "./import-error";
import { parseImportRow, rowError } from "./parse-import-row";
import { countLineBreaks, CSV_PARSE_OPTIONS, csvRowValues, type CsvRow } from "./read-csv-rows";
import type { LocationRef, ProductRef } from "./reference-data";

/**
 * The daily fact files (sales, returns, inventory): one row per location × SKU × day, checked row by
 * row against its schema and the reference data, then once more across rows for duplicate keys.
 * The row-local part runs on the main thread or in the row-check threads (row-check-threads.ts) —
 * the same code either way, so a row is accepted or refused with the same words.
 */
export const DAILY_FILE_KINDS = ["sales", "returns", "inventory"] as const;
export type DailyFileKind = (typeof DAILY_FILE_KINDS)[number];

export const isDailyFileKind = (kind: string): kind is DailyFileKind => (DAILY_FILE_KINDS as readonly string[]).includes(kind);

export interface DailyRowRefs {
  locations: ReadonlyMap<string, LocationRef>;
  products: ReadonlyMap<string, ProductRef>;
}

/** A row that passed every check of its own: its key (for the duplicate check) and the values to write. */
export interface CheckedDailyRow {
  dayNumber: number;
  locationIndex: number;
  productIndex: number;
  values: SqlValue[];
}

export interface DailyFileSpec {
  target: UpsertTarget;
  /** The column a duplicate key is reported on. */
  dateColumn: string;
  /** Schema, location and SKU checks; throws the row's ImportFileError. */
  check(row: CsvRow, fileName: string, refs: DailyRowRefs): CheckedDailyRow;
}

function dailyFileSpec<Schema extends z.ZodType>(config: {
  schema: Schema;
  dateColumn: string;
  target: UpsertTarget;
  day: (parsed: z.output<Schema>) => CalendarDay;
  values: (parsed: z.output<Schema>, location: LocationRef, product: ProductRef) => SqlValue[];
}): DailyFileSpec {
  return {
    target: config.target,
    dateColumn: config.dateColumn,
    check(row, fileName, refs) {
      const parsed = parseImportRow(config.schema, row, fileName);
      const location = refs.locations.get(row.values.location!);
      if (!location) throw rowError(row, fileName, "location", "unknown location code (not in locations.csv nor in the database)");
      const product = refs.products.get(row.values.sku!);
      if (!product) throw rowError(row, fileName, "sku", "unknown sku (not in products.csv nor in the database)");
      return { dayNumber: config.day(parsed).dayNumber, locationIndex: location.index, productIndex: product.index, values: config.values(parsed, location, product) };
    },
  };
}

export const DAILY_FILE_SPECS: Record<DailyFileKind, DailyFileSpec> = {
  sales: dailyFileSpec({
    schema: ZSalesRow,
    dateColumn: "date",
    target: {
      table: "SalesDaily",
      columns: ["locationId", "productId", "date", "units", "revenue", "onPromo", "stockout"],
      conflictColumns: ["locationId", "productId", "date"],
      comparedColumns: ["units", "revenue", "onPromo", "stockout"],
      // Plan shards read their products' whole history.
      physicalOrder: ["productId", "locationId", "date"],
    },
    day: (sale) => sale.date,
    values: (sale, location, product) => [location.id, product.id, sale.date.date, sale.units, sale.revenue, sale.on_promo, sale.stockout],
  }),
  /**
   * returns.csv: units customers returned per location × SKU × day, upserted like sales (a re-import
   * replaces the day's figure; identical data changes nothing). Returns are kept apart from sales so
   * the forecast sees what customers bought and the plan sees what comes back to the shelf.
   */
  returns: dailyFileSpec({
    schema: ZReturnsRow,
    dateColumn: "date",
    target: {
      table: "ReturnDaily",
      columns: ["locationId", "productId", "date", "units"],
      conflictColumns: ["locationId", "productId", "date"],
      comparedColumns: ["units"],
    },
    day: (returned) => returned.date,
    values: (returned, location, product) => [location.id, product.id, returned.date.date, returned.units],
  }),
  inventory: dailyFileSpec({
    schema: ZInventoryRow,
    dateColumn: "as_of",
    target: {
      table: "InventoryPosition",
      columns: ["locationId", "productId", "asOf", "onHand"],
      conflictColumns: ["locationId", "productId", "asOf"],
      comparedColumns: ["onHand"],
    },
    day: (position) => position.as_of,
    values: (position, location, product) => [location.id, product.id, position.as_of.date, position.on_hand],
  }),
};

/** The second time a key appears; the first stays. */
export function duplicateRowError(spec: DailyFileSpec, row: CsvRow, fileName: string): ImportFileError {
  return rowError(row, fileName, spec.dateColumn, `duplicate row: location ${row.values.location}, sku ${row.values.sku} and this date appear on an earlier line`);
}

/** A run of whole records cut from a file at a line boundary, and the line its first record starts on. */
export interface CsvChunk {
  bytes: Uint8Array;
  firstLine: number;
}

/**
 * A chunk's accepted rows in columns that cross threads without copying: per row its line, its key
 * (day, location index, product index) and its values, each value a number with a type tag.
 */
export interface CheckedChunk {
  rows: number;
  lines: Int32Array<ArrayBuffer>;
  keys: Int32Array<ArrayBuffer>;
  tags: Uint8Array<ArrayBuffer>;
  numbers: Float64Array<ArrayBuffer>;
  /** The line the next chunk's first record starts on, counted as the sequential reader counts. */
  endLine: number;
  /** The chunk's first problem in line order; the rows before it are in the columns above. */
  error: ImportErrorDetail | null;
}

const enum ValueTag {
  Null = 0,
  Number = 1,
  Boolean = 2,
  Date = 3,
}

/**
 * Parses a chunk's records as the sequential reader would, calling `onRow` for each data row in
 * order; a problem `onRow` throws stops the chunk. Returns the line after the chunk's last record.
 */
export function forEachChunkRow(
  chunk: CsvChunk,
  header: readonly string[],
  fileName: string,
  columns: CsvColumns,
  onRow: (row: CsvRow) => void,
): number {
  const options = { ...CSV_PARSE_OPTIONS, bom: chunk.firstLine === 1 };
  let nextLine = chunk.firstLine;
  const take = (record: string[]) => {
    const line = nextLine;
    nextLine += 1 + countLineBreaks(record);
    if (record.length === 1 && record[0] === "") return; // a blank line
    onRow({ line, values: csvRowValues(record, line, header, fileName, columns) });
  };
  let records: string[][];
  try {
    records = parse(chunk.bytes, options) as string[][];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    // Malformed somewhere: parse again record by record, so the rows before the bad one are checked
    // first (one of them may fail earlier). `on_record` makes csv-parse track positions, which costs
    // a fifth of its time, so only a failing chunk pays for it.
    try {
      parse(chunk.bytes, { ...options, on_record: (record: string[]) => (take(record), null) });
    } catch (again) {
      if (again instanceof CsvError) throw chunkMalformedError(again, chunk.firstLine, fileName);
      throw again;
    }
    throw new Error(`chunk at line ${chunk.firstLine} of ${fileName} parsed once but not twice`);
  }
  for (const record of records) take(record);
  return nextLine;
}

/**
 * csv-parse counts lines from the start of what it was given; a chunk starts on `firstLine`, so the
 * line numbers it reports (in the error and its message) move by the lines before the chunk.
 */
function chunkMalformedError(error: CsvError, firstLine: number, fileName: string): ImportFileError {
  const offset = firstLine - 1;
  const line = (typeof error.lines === "number" ? error.lines : 0) + offset;
  const message = error.message.replace(/\bline (\d+)/g, (_, n: string) => `line ${Number(n) + offset}`);
  return new ImportFileError({ file: fileName, line, column: null, value: null, message: `malformed CSV: ${message}` });
}

/** The row-local checks of one chunk: what a row-check thread does with each chunk it gets. */
export function checkDailyChunk(
  kind: DailyFileKind,
  chunk: CsvChunk,
  header: readonly string[],
  fileName: string,
  refs: DailyRowRefs,
): CheckedChunk {
  const spec = DAILY_FILE_SPECS[kind];
  const width = spec.target.columns.length;
  const checked: CheckedDailyRow[] = [];
  const lines: number[] = [];
  let error: ImportErrorDetail | null = null;
  let endLine = chunk.firstLine;
  try {
    endLine = forEachChunkRow(chunk, header, fileName, CSV_COLUMNS[kind], (row) => {
      checked.push(spec.check(row, fileName, refs));
      lines.push(row.line);
    });
  } catch (problem) {
    if (!(problem instanceof ImportFileError)) throw problem;
    error = problem.detail;
  }
  const rows = checked.length;
  const keys = new Int32Array(rows * 3);
  const tags = new Uint8Array(rows * width);
  const numbers = new Float64Array(rows * width);
  for (let i = 0; i < rows; i++) {
    const row = checked[i]!;
    keys[i * 3] = row.dayNumber;
    keys[i * 3 + 1] = row.locationIndex;
    keys[i * 3 + 2] = row.productIndex;
    for (let j = 0; j < width; j++) {
      const value = row.values[j]!;
      const at = i * width + j;
      if (value === null) tags[at] = ValueTag.Null;
      else if (typeof value === "number") [tags[at], numbers[at]] = [ValueTag.Number, value];
      else if (typeof value === "boolean") [tags[at], numbers[at]] = [ValueTag.Boolean, value ? 1 : 0];
      else if (value instanceof Date) [tags[at], numbers[at]] = [ValueTag.Date, value.getTime()];
      else throw new Error(`${spec.target.table}.${spec.target.columns[j]}: text values do not cross threads`);
    }
  }
  return { rows, lines: Int32Array.from(lines), keys, tags, numbers, endLine, error };
}

/** Row `i`'s values from a checked chunk, as `spec.check` returned them. */
export function chunkRowValues(chunk: CheckedChunk, i: number, width: number): SqlValue[] {
  const values: SqlValue[] = new Array(width);
  for (let j = 0; j < width; j++) {
    const at = i * width + j;
    const tag = chunk.tags[at] as ValueTag;
    const number = chunk.numbers[at]!;
    values[j] = tag === ValueTag.Null ? null : tag === ValueTag.Number ? number : tag === ValueTag.Boolean ? number === 1 : new Date(number);
  }
  return values;
}
