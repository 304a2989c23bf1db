import "server-only";
import { randomBytes } from "node:crypto";
import { finished } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import type { DbTransaction } from "../db";
import { databaseUrl } from "../../../prisma/database-url";
import { upsertClause, type SqlValue, type UpsertTarget } from "./batched-upsert";

/** Bytes of COPY text handed to the stream at a time. */
const CHUNK_BYTES = 1 << 18;
/** Stage tables are named after their creation time, so one left by a killed process can be recognised as stale. */
const STAGE_PREFIX = "import_stage_";
/** Older than the longest import transaction (import-batch.ts): whatever made it is gone. */
const STAGE_STALE_MS = 6 * 60 * 60 * 1000;

/**
 * PostgreSQL's bulk path for an import file: rows stream with `COPY … FROM STDIN` (pg-copy-streams)
 * into an unlogged stage table of the target's column types, on a connection of its own, and at
 * `finish()` one `INSERT … SELECT … ON CONFLICT … DO UPDATE … WHERE changed` inside the import's
 * transaction merges them, so the rows still appear all-or-nothing with the rest of the batch and
 * `changed` counts exactly what the multi-row path counts. The stage table is nobody's data: `close()`
 * drops it whether the file succeeded or failed, and one left by a killed process is dropped by the
 * next import. COPY parses text server-side in bulk instead of Prisma binding or parsing one multi-row
 * statement per 2,000 rows, which is most of an import's time on PostgreSQL.
 *
 * Only for targets without `valueSql` whose file rejects duplicate keys itself (the merge is one
 * statement, and a key twice in one statement is an error).
 */
export class CopyUpsert {
  /** Rows inserted or actually updated, known after `finish()`. */
  changed = 0;
  private chunk = "";
  private readonly stage = `${STAGE_PREFIX}${Date.now()}_${randomBytes(4).toString("hex")}`;
  private readonly client = new pg.Client({ connectionString: databaseUrl() });
  private readonly copy: Promise<ReturnType<typeof copyFrom>>;
  private streamError: Error | null = null;

  constructor(
    private readonly tx: DbTransaction,
    private readonly target: UpsertTarget,
  ) {
    if (target.valueSql) throw new Error(`COPY cannot compute ${target.table}'s columns from SQL; use BatchedUpsert`);
    this.copy = this.open();
    // Surfaced by the next flush or finish; a rejection nobody awaited yet must not crash the process.
    this.copy.catch(() => undefined);
  }

  private async open() {
    await this.client.connect();
    await dropStaleStages(this.client);
    const columns = this.target.columns.map(quote).join(", ");
    await this.client.query(`CREATE UNLOGGED TABLE ${quote(this.stage)} AS SELECT ${columns} FROM ${quote(this.target.table)} WITH NO DATA`);
    const stream = this.client.query(copyFrom(`COPY ${quote(this.stage)} (${columns}) FROM STDIN`));
    stream.on("error", (error: Error) => {
      this.streamError = error;
    });
    return stream;
  }

  /** Queues one row; returns true when enough text is buffered that `flush()` should be awaited. */
  add(values: readonly SqlValue[]): boolean {
    let line = "";
    for (let i = 0; i < values.length; i++) line += (i === 0 ? "" : "\t") + copyText(values[i]!);
    this.chunk += line + "\n";
    return this.chunk.length >= CHUNK_BYTES;
  }

  /** Hands the buffered rows to COPY, waiting while the server is behind. */
  async flush(): Promise<void> {
    const stream = await this.copy;
    this.throwIfFailed();
    if (this.chunk.length === 0) return;
    const text = this.chunk;
    this.chunk = "";
    if (!stream.write(text)) await new Promise<void>((resolve, reject) => {
      stream.once("drain", resolve);
      stream.once("error", reject);
    });
  }

  /** Ends the COPY and merges the staged rows into the target, in the import's transaction. */
  async finish(): Promise<void> {
    await this.flush();
    const stream = await this.copy;
    stream.end();
    await finished(stream);
    this.throwIfFailed();
    const columns = this.target.columns.map(quote).join(", ");
    this.changed = await this.tx.$executeRawUnsafe(
      `INSERT INTO ${quote(this.target.table)} (${columns}) SELECT ${columns} FROM ${quote(this.stage)}${upsertClause(this.target)}`,
    );
  }

  /** Drops the stage table and the connection, however the file ended, once the import transaction is over (the merge holds a lock on the stage until then). */
  async close(): Promise<void> {
    try {
      const stream = await this.copy;
      if (!stream.writableFinished) {
        // The file failed half-way: CopyFail ends the COPY, so the connection can drop the stage.
        stream.destroy(new Error("import stopped"));
        await finished(stream).catch(() => undefined);
      }
      await this.client.query(`DROP TABLE IF EXISTS ${quote(this.stage)}`);
    } catch {
      // The connection failed or the COPY was cut off: the stage is dropped by the next import.
    } finally {
      await this.client.end().catch(() => undefined);
    }
  }

  private throwIfFailed(): void {
    if (this.streamError) throw this.streamError;
  }
}

/** Stage tables of imports that were killed before they could drop them. */
async function dropStaleStages(client: pg.Client): Promise<void> {
  const { rows } = await client.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename LIKE $1`, [`${STAGE_PREFIX}%`]);
  const staleBefore = Date.now() - STAGE_STALE_MS;
  for (const { name } of rows) {
    const createdAt = Number(name.slice(STAGE_PREFIX.length).split("_")[0]);
    if (Number.isFinite(createdAt) && createdAt < staleBefore) await client.query(`DROP TABLE IF EXISTS ${quote(name)}`);
  }
}

const quote = (identifier: string) => `"${identifier}"`;

/**
 * A value in COPY's text format. Text is escaped (backslash, tab, newline, carriage return); a date
 * is its ISO 8601 instant, which a `timestamp` column stores as the UTC wall time, as Prisma does.
 */
export function copyText(value: SqlValue): string {
  if (value === null) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} to the database`);
    return String(value);
  }
  if (value instanceof Date) return value.toISOString();
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (char) => COPY_ESCAPES[char]!) : value;
}

const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
