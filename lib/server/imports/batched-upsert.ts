import "server-only";
import type { DbTransaction } from "../db";
import { databaseUrl } from "../../../prisma/database-url";

export type SqlValue = string | number | boolean | Date | null;

export interface UpsertTarget {
  table: string;
  /** Every column written, in the order of the values passed to `add`. */
  columns: readonly string[];
  /** The natural key: the unique index that decides between insert and update; empty = insert only. */
  conflictColumns: readonly string[];
  /** Columns an update may change; a row whose values all equal these is left untouched. */
  comparedColumns: readonly string[];
  /** Set on update only when something compared changed, e.g. Prisma's `updatedAt`. */
  touchedColumns?: readonly string[];
  /** SQL for a column's value instead of the value itself, e.g. a lookup by natural key; `?` takes the value. */
  valueSql?: Readonly<Record<string, string>>;
  /**
   * The order its big readers scan it in (e.g. a plan shard reads some products' whole history). A first
   * load into an empty PostgreSQL table writes its rows in this order, so such a read touches only its
   * own pages instead of a few rows on every page of the table.
   */
  physicalOrder?: readonly string[];
}

/** Rows per statement: large enough to amortise the per-statement cost, small enough to prepare quickly. */
const MAX_ROWS_PER_STATEMENT = 2_000;
/** SQLite refuses more than 32 766 bound parameters per statement, PostgreSQL more than 65 535. */
const MAX_PARAMETERS_PER_STATEMENT = 30_000;

/**
 * Buffers rows and writes them as multi-row `INSERT … ON CONFLICT … DO UPDATE … WHERE changed`
 * statements. Only inserted rows and rows whose compared columns differ count as changes, which is
 * how a re-import of identical data proves it changed nothing.
 *
 * Text is always bound as a parameter. Numbers, booleans, dates and nulls — values this module
 * produced itself from validated cells, never caller text — are written as SQL literals: binding
 * them costs Prisma's raw-query path microseconds per parameter, which for a ten-million-row sales
 * file is most of the import time. SQLite and PostgreSQL both read the shortest round-trip decimal
 * form of a double back to the same double.
 */
export class BatchedUpsert {
  /** Rows inserted or actually updated so far. */
  changed = 0;
  private tuples: string[] = [];
  private params: string[] = [];
  private readonly valueSql: (string | undefined)[];
  private readonly prefix: string;
  private readonly suffix: string;

  constructor(
    private readonly tx: DbTransaction,
    target: UpsertTarget,
  ) {
    this.valueSql = target.columns.map((column) => target.valueSql?.[column]);
    this.prefix = `INSERT INTO ${quote(target.table)} (${target.columns.map(quote).join(", ")}) VALUES `;
    this.suffix = upsertClause(target);
  }

  /** Queues one row; returns true when the buffer is full and `flush()` should be awaited. */
  add(values: readonly SqlValue[]): boolean {
    let tuple = "(";
    for (let i = 0; i < values.length; i++) {
      const value = values[i]!;
      const sql = typeof value === "string" ? this.bind(value) : literal(value);
      const template = this.valueSql[i];
      tuple += (i === 0 ? "" : ", ") + (template === undefined ? sql : template.replace("?", sql));
    }
    this.tuples.push(`${tuple})`);
    return this.tuples.length >= MAX_ROWS_PER_STATEMENT || this.params.length >= MAX_PARAMETERS_PER_STATEMENT - values.length;
  }

  async flush(): Promise<void> {
    if (this.tuples.length === 0) return;
    const sql = forDialect(this.prefix + this.tuples.join(", ") + this.suffix);
    const params = this.params;
    this.tuples = [];
    this.params = [];
    this.changed += await this.tx.$executeRawUnsafe(sql, ...params);
  }

  /** Writes what is still buffered; the file is complete. */
  async finish(): Promise<void> {
    await this.flush();
  }

  /** Nothing to release: every statement ran in the caller's transaction. */
  async close(): Promise<void> {}

  private bind(text: string): string {
    this.params.push(text);
    return "?";
  }
}

const quote = (identifier: string) => `"${identifier}"`;

/** `ON CONFLICT … DO UPDATE SET … WHERE <a compared column differs>`, or nothing for insert-only targets. */
export function upsertClause(target: UpsertTarget): string {
  if (target.conflictColumns.length === 0) return "";
  const touched = target.touchedColumns ?? [];
  const assignments = [...target.comparedColumns, ...touched].map((column) => `${quote(column)} = excluded.${quote(column)}`);
  const differs = target.comparedColumns.map((column) => `${quote(target.table)}.${quote(column)} IS DISTINCT FROM excluded.${quote(column)}`);
  return ` ON CONFLICT (${target.conflictColumns.map(quote).join(", ")}) DO UPDATE SET ${assignments.join(", ")} WHERE ${differs.join(" OR ")}`;
}

const dateLiterals = new Map<number, string>();

/** A number, boolean, date or null as SQL text both databases read back as the same value. */
export function literal(value: number | boolean | Date | null): string {
  if (value === null) return "NULL";
  if (typeof value === "boolean") return value ? "TRUE" : "FALSE";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} to the database`);
    return String(value);
  }
  // The text Prisma's SQLite adapter writes for a DateTime, so Prisma reads these back as equal Dates.
  const ms = value.getTime();
  let text = dateLiterals.get(ms);
  if (text === undefined) {
    text = `'${value.toISOString().replace("Z", "+00:00")}'`;
    if (dateLiterals.size < 100_000) dateLiterals.set(ms, text);
  }
  return text;
}

/** SQLite takes `?` placeholders, PostgreSQL numbered `$n` ones; the SQL is otherwise the same. */
export function forDialect(sql: string): string {
  if (!/^postgres(ql)?:/.test(databaseUrl())) return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
