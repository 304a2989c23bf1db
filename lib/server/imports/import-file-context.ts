import "server-only";
import type { DbTransaction } from "../db";
import type { CsvRow } from "./read-csv-rows";
import type { ReferenceData } from "./reference-data";
import type { SqlValue, UpsertTarget } from "./batched-upsert";

/** Writes a file's rows in bulk: multi-row statements on SQLite, COPY on PostgreSQL (copy-upsert.ts). */
export interface BulkWriter {
  /** Rows inserted or actually changed; complete after `finish()`. */
  readonly changed: number;
  /** Queues one row; returns true when `flush()` should be awaited. */
  add(values: readonly SqlValue[]): boolean;
  flush(): Promise<void>;
  /** Writes the rest; the file is complete. */
  finish(): Promise<void>;
}

/** What each per-kind importer gets: the open transaction and the validated-header rows of one file. */
export interface ImportFileContext {
  tx: DbTransaction;
  fileName: string;
  rows: AsyncIterable<CsvRow>;
  refs: ReferenceData;
  /**
   * The bulk writer for a large file whose rows have unique keys (checked by the importer): COPY on
   * PostgreSQL. Released by the batch however the file ends.
   */
  bulkWriter: (target: UpsertTarget) => BulkWriter;
  /** createdAt/updatedAt of every row this batch writes, so one batch has one timestamp. */
  now: Date;
}

export interface FileImportOutcome {
  rows: number;
  /** Rows inserted or actually changed; 0 for a re-import of identical data. */
  changed: number;
}
