import "server-only";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
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
 * transaction merges them (into an empty table: a plain insert around dropped and rebuilt indexes, `firstLoad`), so the rows still appear all-or-nothing with the rest of the batch and
 * `changed` counts exactly what the multi-row path counts. The stage table is nobody's data: `close()`
 * drops it whether the file succeeded or failed, and one left by a killed process is dropped by the
 * next import. COPY parses text server-side in bulk instead of Prisma binding or parsing one multi-row
 * statement per 2,000 rows, which is most of an import's time on PostgreSQL.
 *
 * A `valueSql` column (e.g. a PO line's order id, looked up by PO number) is staged as the text it
 * is computed from and computed in the merge. Only for targets whose file rejects duplicate keys
 * itself (the merge is one statement, and a key twice in one statement is an error).
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
    this.copy = this.open();
    // Surfaced by the next flush or finish; a rejection nobody awaited yet must not crash the process.
    this.copy.catch(() => undefined);
  }

  private async open() {
    await this.client.connect();
    await dropStaleStages(this.client);
    const columns = this.target.columns.map(quote).join(", ");
    const stagedColumns = this.target.columns.map((column) => (this.target.valueSql?.[column] === undefined ? quote(column) : `NULL::text AS ${quote(column)}`)).join(", ");
    // Autovacuum would otherwise analyze tens of millions of stage rows that are read once and dropped.
    await this.client.query(`CREATE UNLOGGED TABLE ${quote(this.stage)} WITH (autovacuum_enabled = false) AS SELECT ${stagedColumns} FROM ${quote(this.target.table)} WITH NO DATA`);
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
    // events.once removes its error listener when the stream drains (a listener per wait added up to thousands).
    if (!stream.write(text)) await once(stream, "drain");
  }

  /** Ends the COPY and merges the staged rows into the target, in the import's transaction. */
  async finish(): Promise<void> {
    await this.flush();
    const stream = await this.copy;
    stream.end();
    await finished(stream);
    this.throwIfFailed();
    const columns = this.target.columns.map(quote).join(", ");
    const stage = quote(this.stage);
    const values = this.target.columns
      .map((column) => {
        const template = this.target.valueSql?.[column];
        return template === undefined ? `${stage}.${quote(column)}` : template.replace("?", `${stage}.${quote(column)}`);
      })
      .join(", ");
    const table = quote(this.target.table);
    const [{ empty }] = await this.tx.$queryRawUnsafe<[{ empty: boolean }]>(`SELECT NOT EXISTS (SELECT 1 FROM ${table}) AS empty`);
    if (empty) {
      const order = this.target.physicalOrder ? ` ORDER BY ${this.target.physicalOrder.map((column) => `${stage}.${quote(column)}`).join(", ")}` : "";
      this.changed = await firstLoad(this.tx, this.target.table, async () => {
        // The sort of tens of millions of staged rows runs in memory rather than in temporary files; only for this transaction.
        if (order) await this.tx.$executeRawUnsafe(`SET LOCAL work_mem = '1GB'`);
        return this.tx.$executeRawUnsafe(`INSERT INTO ${table} (${columns}) SELECT ${values} FROM ${stage}${order}`);
      });
      return;
    }
    this.changed = await this.tx.$executeRawUnsafe(`INSERT INTO ${table} (${columns}) SELECT ${values} FROM ${stage}${upsertClause(this.target)}`);
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

/**
 * A first load into an empty table: its primary key, secondary indexes and foreign keys are dropped,
 * the rows inserted without `ON CONFLICT`, and everything rebuilt — each index by one sort and each
 * foreign key by one join instead of tens of millions of single-row index inserts and key checks.
 * All of it is DDL inside the import's transaction, so a failure anywhere rolls the table back with
 * its indexes; the table is locked against readers until the import commits, which on a first load
 * hides nothing anyone could read. The file has rejected duplicate keys and unknown references
 * row by row already; the rebuilt constraints check them again as a whole. The primary key stays
 * when another table's foreign key depends on it.
 */
export async function firstLoad(tx: DbTransaction, tableName: string, insert: () => Promise<number>): Promise<number> {
  const table = quote(tableName);
  const relation = `'${table}'::regclass`;
  const constraints = await tx.$queryRawUnsafe<{ name: string; definition: string }[]>(
    `SELECT conname::text AS name, pg_get_constraintdef(oid) AS definition FROM pg_constraint
      WHERE conrelid = ${relation}
        AND (contype = 'f' OR (contype = 'p' AND NOT EXISTS (SELECT 1 FROM pg_constraint other WHERE other.confrelid = ${relation})))
      ORDER BY contype DESC, conname`,
  );
  const indexes = await tx.$queryRawUnsafe<{ name: string; definition: string }[]>(
    `SELECT index.relname::text AS name, pg_get_indexdef(index.oid) AS definition FROM pg_index
       JOIN pg_class index ON index.oid = pg_index.indexrelid
      WHERE pg_index.indrelid = ${relation} AND NOT EXISTS (SELECT 1 FROM pg_constraint WHERE conindid = pg_index.indexrelid)
      ORDER BY index.relname`,
  );
  if (constraints.length > 0) await tx.$executeRawUnsafe(`ALTER TABLE ${table} ${constraints.map(({ name }) => `DROP CONSTRAINT ${quote(name)}`).join(", ")}`);
  for (const { name } of indexes) await tx.$executeRawUnsafe(`DROP INDEX ${quote(name)}`);
  const inserted = await insert();
  // Sorting a large table's keys in memory instead of in temporary files; only for this transaction.
  await tx.$executeRawUnsafe(`SET LOCAL maintenance_work_mem = '512MB'`);
  // Primary key first (ordered 'p' before 'f' above), so the foreign keys are checked against a complete table.
  for (const { name, definition } of constraints.filter(({ definition }) => definition.startsWith("PRIMARY KEY"))) await tx.$executeRawUnsafe(`ALTER TABLE ${table} ADD CONSTRAINT ${quote(name)} ${definition}`);
  for (const { definition } of indexes) await tx.$executeRawUnsafe(definition);
  for (const { name, definition } of constraints.filter(({ definition }) => definition.startsWith("FOREIGN KEY"))) await tx.$executeRawUnsafe(`ALTER TABLE ${table} ADD CONSTRAINT ${quote(name)} ${definition}`);
  // The planner's statistics of an empty table would steer the next plan run's reads of millions of rows.
  await tx.$executeRawUnsafe(`ANALYZE ${table}`);
  return inserted;
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
  if (value instanceof Date) return isoInstant(value);
  return /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, (char) => COPY_ESCAPES[char]!) : value;
}

const isoInstants = new Map<number, string>();

/** Dates repeat (one per day of history across millions of rows): each is formatted once. */
function isoInstant(date: Date): string {
  const ms = date.getTime();
  let text = isoInstants.get(ms);
  if (text === undefined) {
    text = date.toISOString();
    if (isoInstants.size < 100_000) isoInstants.set(ms, text);
  }
  return text;
}

const COPY_ESCAPES: Record<string, string> = { "\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r" };
