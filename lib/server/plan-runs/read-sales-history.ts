import "server-only";
import Database from "better-sqlite3";
import type { DayNumber } from "../../engine/types";
import { databaseUrl } from "../../../prisma/database-url";
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
  firstSaleDays(fromDay: DayNumber): [number, number, DayNumber][];
  /** Streams every sales day from `fromDay` on through `visit`, in storage order. */
  forEachSalesDay(fromDay: DayNumber, visit: SalesDayVisitor): void;
  close(): void;
}

/** Days since 1970-01-01 of a stored date (ISO text, midnight UTC), computed by SQLite. */
const DAY_OF = `CAST(julianday(substr("date", 1, 10)) - 2440587.5 AS INTEGER)`;

function whereFilter(filter: SalesFilter | null): { sql: string; params: number[] } {
  const clauses: string[] = [];
  const params: number[] = [];
  if (filter?.productId !== undefined) {
    clauses.push(`"productId" = ?`);
    params.push(filter.productId);
  }
  if (filter?.locationId !== undefined) {
    clauses.push(`"locationId" = ?`);
    params.push(filter.locationId);
  }
  if (filter?.productIds !== undefined) {
    clauses.push(`"productId" IN (${filter.productIds.map(() => "?").join(", ") || "NULL"})`);
    params.push(...filter.productIds);
  }
  return { sql: clauses.map((clause) => ` AND ${clause}`).join(""), params };
}

/**
 * Reads the sales history (plan snapshot, KPI window) set-based: one grouped query for each series' first day, then one
 * streamed scan whose rows are handed over as numbers and never kept — the caller writes them into
 * its typed arrays. Millions of sales rows never exist as objects at once (a Prisma findMany over
 * them took most of a plan run's time and gigabytes of memory). On SQLite it reads through its own
 * read-only connection; dates are stored as ISO text, so the date bound is the same text.
 */
export function openSalesHistoryReader(filter: SalesFilter | null): SalesHistoryReader {
  const file = databaseUrl().replace(/^file:/, "");
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  const where = whereFilter(filter);
  const since = (fromDay: DayNumber) => fromDayNumber(fromDay).toISOString().replace("Z", "+00:00");
  return {
    firstSaleDays(fromDay) {
      return sqlite
        .prepare(`SELECT "locationId", "productId", ${DAY_OF.replace('"date"', 'MIN("date")')} FROM "SalesDaily" WHERE "date" >= ?${where.sql} GROUP BY "locationId", "productId"`)
        .raw(true)
        .all(since(fromDay), ...where.params) as [number, number, DayNumber][];
    },
    forEachSalesDay(fromDay, visit) {
      const rows = sqlite
        .prepare(`SELECT "locationId", "productId", ${DAY_OF}, "units", "onPromo", COALESCE("stockout", -1), "revenue" FROM "SalesDaily" WHERE "date" >= ?${where.sql}`)
        .raw(true)
        .iterate(since(fromDay), ...where.params) as IterableIterator<[number, number, number, number, number, number, number]>;
      for (const [locationId, productId, day, units, onPromo, stockout, revenue] of rows) visit(locationId, productId, day, units, onPromo, stockout, revenue);
    },
    close() {
      sqlite.close();
    },
  };
}
