import "server-only";
import { createHash } from "node:crypto";
import { Transform, pipeline, type Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import { ImportFileError } from "./import-error";
import { textProblem, type CsvColumns } from "../../contracts/imports";

/** One data row: its 1-based line in the file (header = line 1) and its cells by column name. */
export interface CsvRow {
  line: number;
  values: Record<string, string>;
}

export interface CsvFileReader {
  rows: AsyncIterable<CsvRow>;
  /** Bytes consumed from the source so far. */
  bytesRead(): number;
  /** SHA-256 of the file's bytes; only complete once `rows` is exhausted. */
  checksum(): string;
}


/** How every import reads CSV, on the main thread and in the row-check threads alike. */
export const CSV_PARSE_OPTIONS = { bom: true, trim: true, relax_column_count: true } as const;

/**
 * Streams a CSV file row by row with constant memory, checking the header against the expected
 * columns (any order; optional ones may be missing) and every row's field count.
 */
/** How often (in rows) the progress callback fires, besides once at the end of the file. */
const PROGRESS_EVERY_ROWS = 50_000;

export function readCsvRows(
  source: Readable,
  fileName: string,
  columns: CsvColumns,
  onProgress?: (rows: number, bytesRead: number) => void,
): CsvFileReader {
  const hash = createHash("sha256");
  let bytesRead = 0;
  let digest: string | null = null;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      bytesRead += chunk.length;
      hash.update(chunk);
      callback(null, chunk);
    },
  });
  // Lines are counted here rather than with csv-parse's `info` option, which costs a third of its time.
  const parser = parse(CSV_PARSE_OPTIONS);
  // pipeline() destroys the parser with the source's error, so iterating it rethrows read failures.
  const records = pipeline(source, meter, parser, () => undefined) as AsyncIterable<string[]>;

  async function* rows(): AsyncGenerator<CsvRow> {
    let header: string[] | null = null;
    let rowCount = 0;
    let nextLine = 1;
    for await (const record of malformedCsvAsImportError(records, fileName)) {
      const line = nextLine;
      // A quoted cell may span several lines.
      nextLine += 1 + countLineBreaks(record);
      if (record.length === 1 && record[0] === "") continue; // a blank line
      if (header === null) {
        header = checkHeader(record, fileName, columns);
        continue;
      }
      const values = csvRowValues(record, line, header, fileName, columns);
      yield { line, values };
      if (++rowCount % PROGRESS_EVERY_ROWS === 0) onProgress?.(rowCount, bytesRead);
    }
    if (header === null) {
      throw new ImportFileError({
        file: fileName,
        line: 1,
        column: null,
        value: null,
        message: `file is empty; expected a header with ${columns.required.join(",")}`,
      });
    }
    digest = hash.digest("hex");
    onProgress?.(rowCount, bytesRead);
  }

  return {
    rows: rows(),
    bytesRead: () => bytesRead,
    checksum: () => {
      if (digest === null) throw new Error(`checksum of ${fileName} requested before the file was read`);
      return digest;
    },
  };
}

/** Unbalanced quotes and the like are the file's fault: report them with their line. */
async function* malformedCsvAsImportError(records: AsyncIterable<string[]>, fileName: string) {
  try {
    yield* records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === "number" ? error.lines : 0;
    throw new ImportFileError({ file: fileName, line, column: null, value: null, message: `malformed CSV: ${error.message}` });
  }
}

/** A data record's cells by column name, after its field count and every cell's text are checked. */
export function csvRowValues(record: string[], line: number, header: readonly string[], fileName: string, columns: CsvColumns): Record<string, string> {
  if (record.length !== header.length) {
    throw new ImportFileError({
      file: fileName,
      line,
      column: null,
      value: null,
      message: `expected ${header.length} fields, found ${record.length}`,
    });
  }
  const values: Record<string, string> = {};
  for (let i = 0; i < header.length; i++) {
    const cell = record[i]!;
    const problem = textProblem(cell);
    if (problem) throw new ImportFileError({ file: fileName, line, column: header[i]!, value: cell, message: problem });
    values[header[i]!] = cell;
  }
  for (const name of columns.optional) values[name] ??= "";
  return values;
}

export function checkHeader(header: string[], fileName: string, columns: CsvColumns): string[] {
  const known = new Set([...columns.required, ...columns.optional]);
  const seen = new Set<string>();
  for (const name of header) {
    const fail = (message: string) => new ImportFileError({ file: fileName, line: 1, column: name, value: name, message });
    if (!known.has(name)) throw fail(`unexpected column; expected ${[...known].join(",")}`);
    if (seen.has(name)) throw fail("column appears twice in the header");
    seen.add(name);
  }
  const missing = columns.required.find((name) => !seen.has(name));
  if (missing !== undefined) {
    throw new ImportFileError({ file: fileName, line: 1, column: missing, value: null, message: "required column is missing from the header" });
  }
  return header;
}

/** Line breaks inside a record's quoted cells: a record spanning lines moves the next one's line number. */
export function countLineBreaks(record: string[]): number {
  let breaks = 0;
  for (const cell of record) {
    if (!cell.includes("\n")) continue;
    for (const char of cell) if (char === "\n") breaks++;
  }
  return breaks;
}
