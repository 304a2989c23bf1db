import "server-only";
import Database from "better-sqlite3";
import type { DayNumber } from "../../engine/types";
import { databaseUrl } from "../database-url";
import { fromDayNumber } from "./calendar-days";
import type { TPlanRunScope } from "./plan-runs.types";

/** One day of one series' sales, as plain numbers (no row objects). */
export type SalesDayVisitor = (locationId: number, productId: number, day: DayNumber, units: number, onPromo: number, stockout: number) => void;

export interface SalesHistoryReader {
  /** First day with sales from `fromDay` on, per series: [locationId, productId, day][]. */
  firstSaleDays(fromDay: DayNumber): [number, number, DayNumber][];
  /** Streams every sales day from `fromDay` on through `visit`, in storage order. */
  forEachSalesDay(fromDay: DayNumber, visit: SalesDayVisitor): void;
  close(): void;
}

/** Days since 1970-01-01 of a stored date (ISO text, midnight UTC), computed by SQLite. */
const DAY_OF = `CAST(julianday(substr("date", 1, 10)) - 2440587.5 AS INTEGER)`;

function scopeFilter(scope: TPlanRunScope | null): { sql: string; params: number[] } {
  if (!scope) return { sql: "", params: [] };
  if (scope.locationId === undefined) return { sql: ` AND "productId" = ?`, params: [scope.productId] };
  return { sql: ` AND "productId" = ? AND "locationId" = ?`, params: [scope.productId, scope.locationId] };
}

/**
 * Reads the sales history set-based: one grouped query for each series' first day, then one
 * streamed scan whose rows are handed over as numbers and never kept — the caller writes them into
 * its typed arrays. Millions of sales rows never exist as objects at once (a Prisma findMany over
 * them took most of a plan run's time and gigabytes of memory). On SQLite it reads through its own
 * read-only connection; dates are stored as ISO text, so the date bound is the same text.
 */
export function openSalesHistoryReader(scope: TPlanRunScope | null): SalesHistoryReader {
  const file = databaseUrl().replace(/^file:/, "");
  const sqlite = new Database(file, { readonly: true, fileMustExist: true });
  const filter = scopeFilter(scope);
  const since = (fromDay: DayNumber) => fromDayNumber(fromDay).toISOString().replace("Z", "+00:00");
  return {
    firstSaleDays(fromDay) {
      return sqlite
        .prepare(`SELECT "locationId", "productId", ${DAY_OF.replace('"date"', 'MIN("date")')} FROM "SalesDaily" WHERE "date" >= ?${filter.sql} GROUP BY "locationId", "productId"`)
        .raw(true)
        .all(since(fromDay), ...filter.params) as [number, number, DayNumber][];
    },
    forEachSalesDay(fromDay, visit) {
      const rows = sqlite
        .prepare(`SELECT "locationId", "productId", ${DAY_OF}, "units", "onPromo", COALESCE("stockout", 0) FROM "SalesDaily" WHERE "date" >= ?${filter.sql}`)
        .raw(true)
        .iterate(since(fromDay), ...filter.params) as IterableIterator<[number, number, number, number, number, number]>;
      for (const [locationId, productId, day, units, onPromo, stockout] of rows) visit(locationId, productId, day, units, onPromo, stockout);
    },
    close() {
      sqlite.close();
    },
  };
}
