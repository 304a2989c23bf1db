import "server-only";
import Database from "better-sqlite3";
import pg from "pg";
import type { DayNumber } from "../../engine/types";
import { databaseDialect, databaseUrl, sqliteFile } from "../../../prisma/database-url";
import { fromDayNumber } from "../../engine/calendar";

/** One day of one series' sales, as plain numbers (no row objects). `stockout` is -1 where unknown. */
export type SalesDayVisitor = (locationId: number, productId: number, day: DayNumber, units: number, onPromo: number, stockout: number, revenue: number) => void;

/** Which series to read: a plan run's scope (one product, or one series), or some products of one location. */
export interface SalesFilter {
  productId?: number;
  locationId?: number;
  productIds?: readonly number[];
}

export interface SalesHistoryReader {
  /** First day with sales from `fromDay` on, per series: [locationId, productId, day][]. */
  firstSaleDays(fromDay: DayNumber): Promise<[number, number, DayNumber][]>;
  /** Streams every sales day from `fromDay` on through `visit`, in storage order. */
  forEachSalesDay(fromDay: DayNumber, visit: SalesDayVisitor): Promise<void>;
  /** Each series' newest stock record dated on or before `throughDay`: [locationId, productId, onHand][]. */
  latestOnHand(throughDay: DayNumber): Promise<[number, number, number][]>;
  close(): Promise<void>;
}

type SalesRow = [number, number, number, number, number, number, number];

/** Rows per round trip of the PostgreSQL cursor: big enough to amortise it, small enough to stay a few MB. */
const POSTGRES_FETCH_ROWS = 20_000;

function whereFilter(filter: SalesFilter | null, placeholder: (n: number) => string): { sql: string; params: number[] } {
  const clauses: string[] = [];
  const params: number[] = [];
  const bind = (value: number) => {
    params.push(value);
    return placeholder(params.length + 1);
  };
  if (filter?.productId !== undefined) clauses.push(`"productId" = ${bind(filter.productId)}`);
  if (filter?.locationId !== undefined) clauses.push(`"locationId" = ${bind(filter.locationId)}`);
  if (filter?.productIds !== undefined) clauses.push(`"productId" IN (${filter.productIds.map(bind).join(", ") || "NULL"})`);
  return { sql: clauses.map((clause) => ` AND ${clause}`).join(""), params };
}

/**
 * The day of a series' newest stock record up to a bound, for the row `p` (the weekly records before it
 * are history, read through the primary key's (location, product, day) order instead of shipped and dropped).
 */
const latestRecordDay = (bound: string) =>
  `(SELECT MAX("asOf") FROM "InventoryPosition" q WHERE q."locationId" = p."locationId" AND q."productId" = p."productId" AND q."asOf" <= ${bound})`;

/**
 * Reads the sales history (plan snapshot, KPI window) and the latest stock records set-based: one grouped query for each series' first day, then one
 * streamed scan whose rows are handed over as numbers and never kept — the caller writes them into
 * its typed arrays. Millions of sales rows never exist as objects at once (a Prisma findMany over
 * them took most of a plan run's time and gigabytes of memory). It reads through a connection of
 * its own: SQLite read-only (dates are ISO text, so the date bound is the same text), PostgreSQL
 * through a cursor in a read-only transaction (one consistent view, fetched in slices).
 */
/** Each series' newest stock record dated on or before `throughDay`: [locationId, productId, onHand][]. */
export async function readLatestOnHand(filter: SalesFilter | null, throughDay: DayNumber): Promise<[number, number, number][]> {
  const reader = openSalesHistoryReader(filter);
  try {
    return await reader.latestOnHand(throughDay);
  } finally {
    await reader.close();
  }
}

export function openSalesHistoryReader(filter: SalesFilter | null): SalesHistoryReader {
  return databaseDialect() === "postgresql" ? openPostgresqlReader(filter) : openSqliteReader(filter);
}

function openSqliteReader(filter: SalesFilter | null): SalesHistoryReader {
  /** Days since 1970-01-01 of a stored date (ISO text, midnight UTC). */
  const dayOf = (column: string) => `CAST(julianday(substr(${column}, 1, 10)) - 2440587.5 AS INTEGER)`;
  const sqlite = new Database(sqliteFile(), { readonly: true, fileMustExist: true });
  const where = whereFilter(filter, () => "?");
  const since = (fromDay: DayNumber) => fromDayNumber(fromDay).toISOString().replace("Z", "+00:00");
  return {
    async firstSaleDays(fromDay) {
      return sqlite
        .prepare(`SELECT "locationId", "productId", ${dayOf('MIN("date")')} FROM "SalesDaily" WHERE "date" >= ?${where.sql} GROUP BY "locationId", "productId"`)
        .raw(true)
        .all(since(fromDay), ...where.params) as [number, number, DayNumber][];
    },
    async forEachSalesDay(fromDay, visit) {
      const rows = sqlite
        .prepare(`SELECT "locationId", "productId", ${dayOf('"date"')}, "units", "onPromo", COALESCE("stockout", -1), "revenue" FROM "SalesDaily" WHERE "date" >= ?${where.sql}`)
        .raw(true)
        .iterate(since(fromDay), ...where.params) as IterableIterator<SalesRow>;
      for (const [locationId, productId, day, units, onPromo, stockout, revenue] of rows) visit(locationId, productId, day, units, onPromo, stockout, revenue);
    },
    async latestOnHand(throughDay) {
      return sqlite
        .prepare(`SELECT "locationId", "productId", "onHand" FROM "InventoryPosition" p WHERE "asOf" = ${latestRecordDay("?")}${where.sql} ORDER BY "locationId", "productId"`)
        .raw(true)
        .all(since(throughDay), ...where.params) as [number, number, number][];
    },
    async close() {
      sqlite.close();
    },
  };
}

function openPostgresqlReader(filter: SalesFilter | null): SalesHistoryReader {
  /** Days since 1970-01-01 of a stored timestamp (UTC, midnight). */
  const dayOf = (column: string) => `(${column}::date - DATE '1970-01-01')`;
  const client = new pg.Client({ connectionString: databaseUrl() });
  const connected = client.connect();
  const where = whereFilter(filter, (n) => `$${n}`);
  const since = (fromDay: DayNumber) => fromDayNumber(fromDay).toISOString().slice(0, 10);
  return {
    async firstSaleDays(fromDay) {
      await connected;
      const { rows } = await client.query<[number, number, DayNumber]>({
        text: `SELECT "locationId", "productId", ${dayOf('MIN("date")')} FROM "SalesDaily" WHERE "date" >= $1::date${where.sql} GROUP BY "locationId", "productId"`,
        values: [since(fromDay), ...where.params],
        rowMode: "array",
      });
      return rows;
    },
    async forEachSalesDay(fromDay, visit) {
      await connected;
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      try {
        await client.query({
          text:
            `DECLARE sales NO SCROLL CURSOR FOR SELECT "locationId", "productId", ${dayOf('"date"')}, "units", ` +
            `CASE WHEN "onPromo" THEN 1 ELSE 0 END, CASE WHEN "stockout" IS NULL THEN -1 WHEN "stockout" THEN 1 ELSE 0 END, "revenue" ` +
            `FROM "SalesDaily" WHERE "date" >= $1::date${where.sql}`,
          values: [since(fromDay), ...where.params],
        });
        for (;;) {
          const { rows } = await client.query<SalesRow>({ text: `FETCH ${POSTGRES_FETCH_ROWS} FROM sales`, rowMode: "array" });
          for (const [locationId, productId, day, units, onPromo, stockout, revenue] of rows) visit(locationId, productId, day, units, onPromo, stockout, revenue);
          if (rows.length < POSTGRES_FETCH_ROWS) break;
        }
      } finally {
        await client.query("COMMIT");
      }
    },
    async latestOnHand(throughDay) {
      await connected;
      const { rows } = await client.query<[number, number, number]>({
        text: `SELECT "locationId", "productId", "onHand" FROM "InventoryPosition" p WHERE "asOf" = ${latestRecordDay("$1::date")}${where.sql} ORDER BY "locationId", "productId"`,
        values: [since(throughDay), ...where.params],
        rowMode: "array",
      });
      return rows;
    },
    async close() {
      await connected.catch(() => undefined);
      await client.end();
    },
  };
}
