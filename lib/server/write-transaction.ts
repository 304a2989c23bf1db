import "server-only";
import { databaseDialect } from "../../prisma/database-url";
import type { Db, DbTransaction } from "./db";
import { AppError } from "./app-error";
import { isPrismaError } from "./db-errors";

/**
 * One way to run a transaction that writes, so writers wait for each other instead of failing
 * with "database is locked": the write lock is taken before anything is read (as BEGIN IMMEDIATE
 * would), SQLite's busy timeout makes a second writer wait for it, and a transaction refused
 * anyway (SQLITE_BUSY) is retried with backoff — safe, because nothing was written. A writer that
 * still cannot get in answers 503 with Retry-After rather than a generic 500. On PostgreSQL the
 * same one-writer-at-a-time rule for planning data is a transaction-scoped advisory lock (readers
 * never wait, as with SQLite's WAL), so code written and tested against SQLite's single writer stays
 * correct there; writers of their own rows take keyed locks instead (`WriteLock`).
 */
export interface WriteTransactionOptions {
  /** How long to wait to start (queued behind other transactions of this client). */
  maxWait?: number;
  /** How long the work may take once started. */
  timeout?: number;
  retries?: number;
  /** Which writers this one takes turns with on PostgreSQL (default "planning"); SQLite has one writer at a time whatever it says. */
  lock?: WriteLock;
}

/**
 * "planning": the planning data every import, plan run, decision, exception change and policy change
 * reads and writes — one writer at a time, as on SQLite. `{ keys }`: a writer that only touches rows
 * of its own (a comment, a sign-in's throttle rows, an API token's rate bucket, the KPI tables) takes
 * turns only with writers of the same keys, so it does not wait behind a plan run's publish or a long
 * import. The audit chain is appended one writer at a time in either case (record-audit-event.ts), so a
 * keyed writer that audits waits only for the last, short part of a publish, from its audit records on.
 */
export type WriteLock = "planning" | { keys: readonly string[] };

const DEFAULTS = { maxWait: 30_000, timeout: 30_000, retries: 8 } as const;
const BACKOFF_MS = 10;
/** What a client should wait before retrying a write that could not get the lock. */
export const BUSY_RETRY_AFTER_SECONDS = 5;

/** How long a writer waits for the PostgreSQL write lock, like SQLite's busy timeout (lib/server/db.ts). */
const POSTGRES_LOCK_TIMEOUT_MS = 10_000;
/** The advisory lock key every writer of planning data takes on PostgreSQL. */
const POSTGRES_WRITE_LOCK_KEY = 7_314_200_017;
/** The first half of the two-part advisory key of a keyed writer; the second is the key's hash. */
const POSTGRES_KEYED_LOCK_SPACE = 73_142;
/** The advisory lock key of the audit chain's head. */
const POSTGRES_AUDIT_CHAIN_LOCK_KEY = 7_314_200_018;

/**
 * PostgreSQL: the audit chain is appended by one transaction at a time (each row links to the one
 * before), held until it commits; planning writers and keyed writers both take it before reading the
 * head. SQLite's single writer already orders them.
 */
export async function lockAuditChain(tx: DbTransaction): Promise<void> {
  if (databaseDialect() === "postgresql") await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${POSTGRES_AUDIT_CHAIN_LOCK_KEY})`);
}

/**
 * SQLite refuses (without waiting) a transaction that read and then wants to write while another
 * connection — another server process or a CLI — holds the write lock, to avoid a deadlock.
 * PostgreSQL: the write lock's wait timed out (55P03), or a serialization failure or deadlock.
 */
export function isDatabaseBusy(error: unknown): boolean {
  const text = isPrismaError(error) ? `${error.code} ${JSON.stringify(error.meta ?? {})} ${error.message}` : error instanceof Error ? error.message : "";
  return /SQLITE_BUSY|database is locked|55P03|lock timeout|40001|40P01|could not serialize|deadlock detected/i.test(text);
}

/** Prisma gave up waiting to start the transaction (P2028: another one held the client too long). */
function isTransactionWaitExceeded(error: unknown): boolean {
  return isPrismaError(error, "P2028");
}

/**
 * Takes the write lock before the transaction reads anything. SQLite: the UPDATE matches no row and
 * changes nothing; any write statement makes the transaction a writer. PostgreSQL: the advisory
 * lock is released at commit or rollback.
 */
async function takeWriteLock(tx: DbTransaction, lock: WriteLock): Promise<void> {
  if (databaseDialect() === "postgresql") {
    await tx.$executeRawUnsafe(`SET LOCAL lock_timeout = ${POSTGRES_LOCK_TIMEOUT_MS}`);
    if (lock === "planning") {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${POSTGRES_WRITE_LOCK_KEY})`);
      return;
    }
    // In one order, so two writers of overlapping keys cannot each hold one the other waits for.
    for (const key of [...new Set(lock.keys)].sort()) {
      await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(${POSTGRES_KEYED_LOCK_SPACE}, hashtext($1))`, key);
    }
    return;
  }
  await tx.$executeRaw`UPDATE "ApprovalPolicy" SET "version" = "version" WHERE 1 = 0`;
}

export async function runWriteTransaction<T>(db: Db, work: (tx: DbTransaction) => Promise<T>, options: WriteTransactionOptions = {}): Promise<T> {
  const { maxWait, timeout, retries, lock } = { ...DEFAULTS, lock: "planning" as WriteLock, ...options };
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(
        async (tx) => {
          await takeWriteLock(tx, lock);
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
