import type { DbTransaction } from "../db";
import { databaseUrl } from "../database-url";

export type SqlValue = string | number | boolean | Date | null;

export interface UpsertTarget {
  table: string;
  /** Every column written, in the order of the values passed to `add`. */
  columns: readonly string[];
  /** The natural key: the unique index that decides between insert and update. */
  conflictColumns: readonly string[];
  /** Columns an update may change; a row whose values all equal these is left untouched. */
  comparedColumns: readonly string[];
  /** Set on update only when something compared changed, e.g. Prisma's `updatedAt`. */
  touchedColumns?: readonly string[];
  /** SQL for a column's value instead of a plain placeholder, e.g. a lookup by natural key. */
  valueSql?: Readonly<Record<string, string>>;
}

/**
 * SQLite refuses more than 32 766 bound parameters per statement and PostgreSQL 65 535; staying well
 * below keeps statements small enough to prepare quickly.
 */
const MAX_PARAMETERS_PER_STATEMENT = 8_000;

/**
 * Buffers rows and writes them as multi-row `INSERT … ON CONFLICT … DO UPDATE … WHERE changed`
 * statements. Only inserted rows and rows whose compared columns differ count as changes, which is
 * how a re-import of identical data proves it changed nothing.
 */
export class BatchedUpsert {
  /** Rows inserted or actually updated so far. */
  changed = 0;
  private readonly rowsPerStatement: number;
  private readonly fullStatement: string;
  private pending: SqlValue[] = [];
  private pendingRows = 0;

  constructor(
    private readonly tx: DbTransaction,
    private readonly target: UpsertTarget,
  ) {
    this.rowsPerStatement = Math.max(1, Math.floor(MAX_PARAMETERS_PER_STATEMENT / target.columns.length));
    this.fullStatement = upsertSql(target, this.rowsPerStatement);
  }

  /** Queues one row; returns true when the buffer is full and `flush()` should be awaited. */
  add(values: readonly SqlValue[]): boolean {
    for (const value of values) this.pending.push(value);
    this.pendingRows++;
    return this.pendingRows >= this.rowsPerStatement;
  }

  async flush(): Promise<void> {
    if (this.pendingRows === 0) return;
    const sql = this.pendingRows === this.rowsPerStatement ? this.fullStatement : upsertSql(this.target, this.pendingRows);
    const params = this.pending;
    this.pending = [];
    this.pendingRows = 0;
    this.changed += await this.tx.$executeRawUnsafe(sql, ...params);
  }
}

const quote = (identifier: string) => `"${identifier}"`;

function upsertSql(target: UpsertTarget, rowCount: number): string {
  const tuple = `(${target.columns.map((column) => target.valueSql?.[column] ?? "?").join(", ")})`;
  const touched = target.touchedColumns ?? [];
  const assignments = [...target.comparedColumns, ...touched].map((column) => `${quote(column)} = excluded.${quote(column)}`);
  const differs = target.comparedColumns.map(
    (column) => `${quote(target.table)}.${quote(column)} IS DISTINCT FROM excluded.${quote(column)}`,
  );
  const sql =
    `INSERT INTO ${quote(target.table)} (${target.columns.map(quote).join(", ")}) VALUES ` +
    Array.from({ length: rowCount }, () => tuple).join(", ") +
    ` ON CONFLICT (${target.conflictColumns.map(quote).join(", ")}) DO UPDATE SET ${assignments.join(", ")}` +
    ` WHERE ${differs.join(" OR ")}`;
  return forDialect(sql);
}

/** SQLite takes `?` placeholders, PostgreSQL numbered `$n` ones; the SQL is otherwise the same. */
function forDialect(sql: string): string {
  if (!/^postgres(ql)?:/.test(databaseUrl())) return sql;
  let n = 0;
  return sql.replace(/\?/g, () => `$${++n}`);
}
