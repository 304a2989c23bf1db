import "server-only";
import { Prisma } from "@prisma/client";
import type { Db, DbTransaction } from "./db";
import { AppError } from "./app-error";

/**
 * One way to run a transaction that writes, so writers wait for each other instead of failing
 * with "database is locked": the write lock is taken before anything is read (as BEGIN IMMEDIATE
 * would), SQLite's busy timeout makes a second writer wait for it, and a transaction refused
 * anyway (SQLITE_BUSY) is retried with backoff — safe, because nothing was written. A writer that
 * still cannot get in answers 503 with Retry-After rather than a generic 500.
 */
export interface WriteTransactionOptions {
  /** How long to wait to start (queued behind other transactions of this client). */
  maxWait?: number;
  /** How long the work may take once started. */
  timeout?: number;
  retries?: number;
}

const DEFAULTS = { maxWait: 30_000, timeout: 30_000, retries: 8 } as const;
const BACKOFF_MS = 10;
/** What a client should wait before retrying a write that could not get the lock. */
export const BUSY_RETRY_AFTER_SECONDS = 5;

/**
 * SQLite refuses (without waiting) a transaction that read and then wants to write while another
 * connection — another server process or a CLI — holds the write lock, to avoid a deadlock.
 */
export function isDatabaseBusy(error: unknown): boolean {
  const text = error instanceof Prisma.PrismaClientKnownRequestError ? `${error.code} ${JSON.stringify(error.meta ?? {})} ${error.message}` : error instanceof Error ? error.message : "";
  return /SQLITE_BUSY|database is locked/i.test(text);
}

/** Prisma gave up waiting to start the transaction (P2028: another one held the client too long). */
function isTransactionWaitExceeded(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2028";
}

/**
 * Takes SQLite's write lock before the transaction reads anything. The UPDATE matches no row and
 * changes nothing; any write statement makes the transaction a writer.
 */
async function takeWriteLock(tx: DbTransaction): Promise<void> {
  await tx.$executeRaw`UPDATE "ApprovalPolicy" SET "version" = "version" WHERE 1 = 0`;
}

export async function runWriteTransaction<T>(db: Db, work: (tx: DbTransaction) => Promise<T>, options: WriteTransactionOptions = {}): Promise<T> {
  const { maxWait, timeout, retries } = { ...DEFAULTS, ...options };
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(
        async (tx) => {
          await takeWriteLock(tx);
          return work(tx);
        },
        { maxWait, timeout },
      );
    } catch (error) {
      const busy = isDatabaseBusy(error);
      if (busy && attempt < retries) {
        await new Promise((resolve) => setTimeout(resolve, BACKOFF_MS * 2 ** attempt));
        continue;
      }
      if (busy || isTransactionWaitExceeded(error)) throw databaseBusy(error);
      throw error;
    }
  }
}

export function databaseBusy(cause?: unknown): AppError {
  return new AppError("SERVICE_UNAVAILABLE", "The database is busy with a long write (e.g. an import); retry shortly.", {
    cause,
    retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS,
  });
}
