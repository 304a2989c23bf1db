import "server-only";
import type { DbTransaction } from "../db";
import type { CsvRow } from "./read-csv-rows";
import type { ReferenceData } from "./reference-data";

/** What each per-kind importer gets: the open transaction and the validated-header rows of one file. */
export interface ImportFileContext {
  tx: DbTransaction;
  fileName: string;
  rows: AsyncIterable<CsvRow>;
  refs: ReferenceData;
  /** createdAt/updatedAt of every row this batch writes, so one batch has one timestamp. */
  now: Date;
}

export interface FileImportOutcome {
  rows: number;
  /** Rows inserted or actually changed; 0 for a re-import of identical data. */
  changed: number;
}
