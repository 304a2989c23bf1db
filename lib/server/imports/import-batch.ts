import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type { Db, DbTransaction } from "../db";
import { recordAuditEvent } from "../audit/record-audit-event";
import { type Actor } from "../actor";
import { ImportFileError } from "./import-error";
import { formatImportError, type ImportErrorDetail } from "../../contracts/imports";
import type { FileImportOutcome, ImportFileContext } from "./import-file-context";
import { CSV_COLUMNS } from "../../contracts/imports";
import { importLocationsFile } from "./import-locations-file";
import { importProductsFile } from "./import-products-file";
import { importPromotionsFile } from "./import-promotions-file";
import { importPurchaseOrdersFile } from "./import-purchase-orders-file";
import { importSalesDeletionsFile } from "./import-sales-deletions-file";
import { importDailyFile, importDailyFileInThreads } from "./import-daily-file";
import { isDailyFileKind } from "./daily-rows";
import { RowCheckThreads } from "./row-check-threads";
import { importSuppliersFile } from "./import-suppliers-file";
import { listFileErrors } from "./list-file-errors";
import { readCsvRows } from "./read-csv-rows";
import { ReferenceData } from "./reference-data";
import { runWriteTransaction } from "../write-transaction";
import { BatchedUpsert, type UpsertTarget } from "./batched-upsert";
import { CopyUpsert } from "./copy-upsert";
import { databaseDialect } from "../../../prisma/database-url";

export type { ImportErrorDetail } from "../../contracts/imports";

/** The canonical files, in the order they are imported: each may reference the ones before it. */
export const IMPORT_FILE_KINDS = ["locations", "suppliers", "products", "sales", "sales_deletions", "returns", "inventory", "purchase_orders", "promotions"] as const;
export type ImportFileKind = (typeof IMPORT_FILE_KINDS)[number];

export interface ImportFileInput {
  kind: ImportFileKind;
  fileName: string;
  /** Opens the file's bytes: once while the import runs, and once more to list every problem if it fails. */
  open: () => Readable;
  sizeBytes?: number;
}

export interface ImportProgress {
  kind: ImportFileKind;
  fileName: string;
  rows: number;
  bytesRead: number;
  sizeBytes?: number;
}

export type ImportResult =
  | { status: "succeeded"; batchId: string; rows: Partial<Record<ImportFileKind, number>>; durationMs: number; unchanged: boolean }
  | {
      status: "failed";
      batchId: string;
      /** The problem that stopped the import. */
      error: ImportErrorDetail;
      /** Every problem found in the failing file, by line (the stopping one among them), up to 100. */
      errors: ImportErrorDetail[];
      /** The file has more problems than `errors` lists. */
      moreErrors: boolean;
      /** A likely cause of many errors at once (wrong delimiter or encoding), in words. */
      hint: string | null;
    };

export interface ImportBatchInput {
  files: ImportFileInput[];
  /** Who imports; their origin (e.g. "web 10.0.0.7") defaults to the source. */
  actor: Actor;
  source: "web" | "cli";
  onProgress?: (progress: ImportProgress) => void;
  /**
   * Threads that parse and check the rows of large sales, returns and inventory files while this
   * thread writes (row-check-threads.ts); started once per import, at the first file that large.
   * Off by default: the web server's bundle has no worker file to start, and small files would pay a
   * thread's start-up. The CLI uses one per core.
   */
  rowCheckThreads?: RowCheckThreadOptions;
}

export interface RowCheckThreadOptions {
  threads: number;
  /** Smaller files are read on this thread. */
  minFileBytes?: number;
  /** Bytes per chunk; tests cut small files into many chunks. */
  chunkBytes?: number;
}

/** Below this a file reads faster on this thread than it takes to start the threads. */
const ROW_CHECK_MIN_FILE_BYTES = 16 * 1024 * 1024;

const FILE_IMPORTERS: Record<ImportFileKind, (ctx: ImportFileContext) => Promise<FileImportOutcome>> = {
  locations: importLocationsFile,
  suppliers: importSuppliersFile,
  products: importProductsFile,
  sales: (ctx) => importDailyFile("sales", ctx),
  sales_deletions: importSalesDeletionsFile,
  returns: (ctx) => importDailyFile("returns", ctx),
  inventory: (ctx) => importDailyFile("inventory", ctx),
  purchase_orders: importPurchaseOrdersFile,
  promotions: importPromotionsFile,
};

/** A 10-million-row sales file takes minutes; the transaction must outlive it. */
const TRANSACTION_TIMEOUT_MS = 6 * 60 * 60 * 1000;
const TRANSACTION_MAX_WAIT_MS = 60_000;

/** "sales.csv" → "sales"; null for a name that is not a canonical file. */
export function fileKindFromName(fileName: string): ImportFileKind | null {
  const base = fileName.split(/[\\/]/).pop()?.toLowerCase().replace(/\.csv$/, "");
  return IMPORT_FILE_KINDS.find((kind) => kind === base) ?? null;
}

/**
 * Imports a batch of canonical CSV files all-or-nothing. Every row is validated; the first problem
 * fails the batch with its file, line, column and value, and nothing of the batch is written. Rows
 * are upserted on their natural keys, so importing the same data again changes nothing.
 */
export async function importBatch(db: Db, input: ImportBatchInput): Promise<ImportResult> {
  const batchId = randomUUID();
  const startedAt = new Date();
  const files = [...input.files].sort((a, b) => IMPORT_FILE_KINDS.indexOf(a.kind) - IMPORT_FILE_KINDS.indexOf(b.kind));
  // PostgreSQL's COPY stage tables; dropped once the transaction that merged them has ended.
  const stages: CopyUpsert[] = [];
  const threads: ThreadsOnDemand = { options: input.rowCheckThreads, started: null };
  try {
    assertOneFilePerKind(files);
    return await runWriteTransaction(db, async (tx) => {
        const imported = await importFiles(tx, files, startedAt, input.onProgress, stages, threads);
        const finishedAt = new Date();
        const rows = Object.fromEntries(imported.map((file) => [file.kind, file.rows])) as Partial<Record<ImportFileKind, number>>;
        const unchanged = imported.every((file) => file.changed === 0);
        const checksum = batchChecksum(imported);
        await tx.importBatch.create({
          data: {
            id: batchId,
            userId: input.actor.id,
            source: input.source,
            status: "succeeded",
            startedAt,
            finishedAt,
            checksum,
            rowsTotal: imported.reduce((sum, file) => sum + file.rows, 0),
            files: { create: imported.map(({ kind, fileName, checksum, rows }) => ({ kind, fileName, checksum, rows })) },
          },
        });
        await recordAuditEvent(tx, {
          actor: { ...input.actor, origin: input.actor.origin ?? input.source },
          action: "import.succeeded",
          entityType: "ImportBatch",
          entityId: batchId,
          after: { rows, changedRows: imported.reduce((sum, file) => sum + file.changed, 0), unchanged, checksum },
        });
        return { status: "succeeded", batchId, rows, durationMs: finishedAt.getTime() - startedAt.getTime(), unchanged } as const;
      },
      { timeout: TRANSACTION_TIMEOUT_MS, maxWait: TRANSACTION_MAX_WAIT_MS },
    );
  } catch (error) {
    // The data transaction has rolled back; the failure itself is recorded in a transaction of its own.
    const detail: ImportErrorDetail =
      error instanceof ImportFileError
        ? error.detail
        : { file: files.map((file) => file.fileName).join(", "), line: 0, column: null, value: null, message: "unexpected error; see the server log" };
    if (!(error instanceof ImportFileError)) {
      await recordFailedBatch(db, batchId, startedAt, input, detail, 1);
      throw error;
    }
    const failing = files.find((file) => file.fileName === detail.file);
    const listed = failing ? await listFileErrors(failing.kind, failing.fileName, failing.open, detail) : { errors: [detail], more: false, hint: null };
    await recordFailedBatch(db, batchId, startedAt, input, detail, listed.errors.length);
    return { status: "failed", batchId, error: detail, errors: listed.errors, moreErrors: listed.more, hint: listed.hint };
  } finally {
    await Promise.all(stages.map((stage) => stage.close()));
    await threads.started?.close();
  }
}

interface ThreadsOnDemand {
  options: RowCheckThreadOptions | undefined;
  started: RowCheckThreads | null;
}

interface ImportedFile extends FileImportOutcome {
  kind: ImportFileKind;
  fileName: string;
  checksum: string;
}

async function importFiles(
  tx: DbTransaction,
  files: ImportFileInput[],
  now: Date,
  onProgress: ImportBatchInput["onProgress"],
  stages: CopyUpsert[],
  threads: ThreadsOnDemand,
): Promise<ImportedFile[]> {
  const refs = new ReferenceData(tx);
  const imported: ImportedFile[] = [];
  const bulkWriter = (target: UpsertTarget) => {
    if (databaseDialect() !== "postgresql") return new BatchedUpsert(tx, target);
    const writer = new CopyUpsert(tx, target);
    stages.push(writer);
    return writer;
  };
  for (const file of files) {
    const { kind, fileName, sizeBytes } = file;
    const progress = (rows: number, bytesRead: number) => onProgress?.({ kind, fileName, rows, bytesRead, sizeBytes });
    const options = threads.options;
    if (isDailyFileKind(kind) && options && options.threads > 0 && (sizeBytes ?? 0) >= (options.minFileBytes ?? ROW_CHECK_MIN_FILE_BYTES)) {
      threads.started ??= RowCheckThreads.start(options.threads);
      const context = { tx, fileName, refs, now, bulkWriter, source: file.open(), threads: threads.started, onProgress: progress, chunkBytes: options.chunkBytes };
      const outcome = await importDailyFileInThreads(kind, context);
      if (outcome !== null) {
        refs.invalidate();
        imported.push({ kind, fileName, ...outcome });
        continue;
      }
    }
    const reader = readCsvRows(file.open(), fileName, CSV_COLUMNS[kind], progress);
    const outcome = await FILE_IMPORTERS[kind]({ tx, fileName, rows: reader.rows, refs, now, bulkWriter });
    refs.invalidate();
    imported.push({ kind, fileName, checksum: reader.checksum(), ...outcome });
  }
  return imported;
}

function assertOneFilePerKind(files: ImportFileInput[]): void {
  for (let i = 1; i < files.length; i++) {
    const [previous, current] = [files[i - 1]!, files[i]!];
    if (previous.kind !== current.kind) continue;
    throw new ImportFileError({
      file: current.fileName,
      line: 0,
      column: null,
      value: null,
      message: `a batch takes one ${current.kind} file; ${previous.fileName} is one too`,
    });
  }
}

/** SHA-256 over the files' own checksums in canonical order: equal batches have equal checksums. */
function batchChecksum(files: ImportedFile[]): string {
  const hash = createHash("sha256");
  for (const file of files) hash.update(`${file.kind}:${file.checksum}\n`);
  return hash.digest("hex");
}

async function recordFailedBatch(db: Db, batchId: string, startedAt: Date, input: ImportBatchInput, detail: ImportErrorDetail, problemsListed: number) {
  await runWriteTransaction(db, async (tx) => {
    await tx.importBatch.create({
      data: {
        id: batchId,
        userId: input.actor.id,
        source: input.source,
        status: "failed",
        startedAt,
        finishedAt: new Date(),
        error: formatImportError(detail),
      },
    });
    await recordAuditEvent(tx, {
      actor: { ...input.actor, origin: input.actor.origin ?? input.source },
      action: "import.failed",
      entityType: "ImportBatch",
      entityId: batchId,
      after: { error: detail, problemsListed, files: input.files.map((file) => ({ kind: file.kind, fileName: file.fileName })) },
    });
  });
}
