import "server-only";
import type { Readable } from "node:stream";
import { CSV_COLUMNS } from "../../contracts/imports";
import { CsvChunkReader, splitHeader } from "./csv-chunks";
import { DailyKeySet } from "./daily-key-set";
import { chunkRowValues, DAILY_FILE_SPECS, duplicateRowError, forEachChunkRow, type CsvChunk, type DailyFileKind } from "./daily-rows";
import { ImportFileError } from "./import-error";
import type { BulkWriter, FileImportOutcome, ImportFileContext } from "./import-file-context";
import type { CsvRow } from "./read-csv-rows";
import type { RowCheckThreads } from "./row-check-threads";

/** Bytes per chunk handed to a row-check thread: tens of thousands of rows, a few milliseconds of messaging. */
export const ROW_CHECK_CHUNK_BYTES = 4 * 1024 * 1024;

/** A daily file read row by row on this thread. */
export async function importDailyFile(kind: DailyFileKind, ctx: ImportFileContext): Promise<FileImportOutcome> {
  const spec = DAILY_FILE_SPECS[kind];
  const writer = ctx.bulkWriter(spec.target);
  const refs = { locations: await ctx.refs.locations(), products: await ctx.refs.products() };
  const seen = new DailyKeySet(refs.locations.size, refs.products.size);
  let rows = 0;
  for await (const row of ctx.rows) {
    const checked = spec.check(row, ctx.fileName, refs);
    if (!seen.add(checked.dayNumber, checked.locationIndex, checked.productIndex)) throw duplicateRowError(spec, row, ctx.fileName);
    rows++;
    if (writer.add(checked.values)) await writer.flush();
  }
  await writer.finish();
  return { rows, changed: writer.changed };
}

export interface ThreadedFileInput extends Omit<ImportFileContext, "rows"> {
  source: Readable;
  threads: RowCheckThreads;
  onProgress?: (rows: number, bytesRead: number) => void;
  chunkBytes?: number;
}

/**
 * A daily file cut into chunks of whole records that the row-check threads parse and check at once,
 * while this thread takes their results in file order: the duplicate check across rows, the writes,
 * and the first problem by line — the chunk's own, or a duplicate before it — exactly as
 * `importDailyFile` would stop. Null when the file cannot be cut (its header does not end in a line
 * feed): the caller reads it sequentially.
 */
export async function importDailyFileInThreads(kind: DailyFileKind, input: ThreadedFileInput): Promise<(FileImportOutcome & { checksum: string }) | null> {
  const { fileName } = input;
  const spec = DAILY_FILE_SPECS[kind];
  const columns = CSV_COLUMNS[kind];
  const reader = new CsvChunkReader(input.source, input.chunkBytes ?? ROW_CHECK_CHUNK_BYTES);
  const chunks = reader.chunks();
  const first = await chunks.next();
  if (first.done) {
    throw new ImportFileError({ file: fileName, line: 1, column: null, value: null, message: `file is empty; expected a header with ${columns.required.join(",")}` });
  }
  const split = splitHeader(first.value, fileName, columns);
  if (split === null) {
    await chunks.return(undefined);
    input.source.destroy();
    return null;
  }
  const { header } = split;
  async function* dataChunks(): AsyncGenerator<CsvChunk> {
    if (split!.rest.bytes.length > 0) yield split!.rest;
    yield* chunks;
  }

  const writer: BulkWriter = input.bulkWriter(spec.target);
  const refs = { locations: await input.refs.locations(), products: await input.refs.products() };
  const seen = new DailyKeySet(refs.locations.size, refs.products.size);
  const width = spec.target.columns.length;
  let rows = 0;
  let expectedLine = split.rest.firstLine;
  for await (const { chunk, checked } of input.threads.check({ kind, fileName, header, refs }, dataChunks())) {
    if (chunk.firstLine !== expectedLine) {
      // Line feeds and records disagree (records ending in bare carriage returns part-way through):
      // the lines counted from here would not be the file's.
      throw new ImportFileError({ file: fileName, line: expectedLine, column: null, value: null, message: "mixed line endings: records end in both line feeds and bare carriage returns" });
    }
    expectedLine = checked.endLine;
    for (let i = 0; i < checked.rows; i++) {
      const at = i * 3;
      if (!seen.add(checked.keys[at]!, checked.keys[at + 1]!, checked.keys[at + 2]!)) {
        throw duplicateRowError(spec, rowAtLine(chunk, checked.lines[i]!, header, fileName, kind), fileName);
      }
    }
    if (checked.error) throw new ImportFileError(checked.error);
    for (let i = 0; i < checked.rows; i++) {
      if (writer.add(chunkRowValues(checked, i, width))) await writer.flush();
    }
    rows += checked.rows;
    input.onProgress?.(rows, reader.bytesRead());
  }
  await writer.finish();
  return { rows, changed: writer.changed, checksum: reader.checksum(fileName) };
}

/** A row of a chunk read back as the threads saw it, for an error that quotes its cells. */
function rowAtLine(chunk: CsvChunk, line: number, header: readonly string[], fileName: string, kind: DailyFileKind): CsvRow {
  let found: CsvRow | null = null;
  forEachChunkRow(chunk, header, fileName, CSV_COLUMNS[kind], (row) => {
    if (row.line === line) found = row;
  });
  if (found === null) throw new Error(`line ${line} of ${fileName} is not in its chunk`);
  return found;
}
