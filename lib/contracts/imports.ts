import { z } from "zod";
import { MS_PER_DAY, parseCalendarDay, type CalendarDay } from "../engine/calendar";

/**
 * Row schemas of the canonical CSV files (documented in docs/csv-format.md). Each schema takes the
 * raw text cells of one row, keyed by header name, and returns typed values; the first issue's
 * path names the column that is wrong.
 */

const INT32_MAX = 2_147_483_647;
/** Money and quantities beyond this are typos or attacks, not retail data (and 400 digits are Infinity). */
const MAX_AMOUNT = 1e12;
const MAX_UPLIFT = 100;

/** NUL, terminal escapes and other control characters never belong in data (tab and line breaks of a quoted cell aside). */
const CONTROL_CHARACTER = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/;
/** What a decoder leaves for bytes that are not UTF-8 (a latin-1 "é", say): refused, never stored. */
const REPLACEMENT_CHARACTER = "\uFFFD";

/** A problem with a cell whatever its column; null when the text is clean. */
export function textProblem(text: string): string | null {
  if (text.includes(REPLACEMENT_CHARACTER)) return "is not valid UTF-8 text (save the file as UTF-8; latin-1 bytes are not accepted)";
  if (CONTROL_CHARACTER.test(text)) return "contains a control character (NUL, escape…)";
  return null;
}

/** Shared with the events API (lib/server/events), so a code valid in a CSV file is valid in an event. */
export const ZCode = z
  .string()
  .min(1, "is required")
  .max(64, "is longer than 64 characters")
  .regex(/^[A-Za-z0-9][A-Za-z0-9._\-/]*$/, "must be letters, digits and . _ - / only");
const cleanText = (text: string, ctx: z.RefinementCtx) => {
  const problem = textProblem(text);
  if (problem) ctx.addIssue({ code: "custom", message: problem });
};
export const ZText = z.string().min(1, "is required").max(200, "is longer than 200 characters").superRefine(cleanText);
export const ZLabel = z.string().min(1, "is required").max(100, "is longer than 100 characters").superRefine(cleanText);

const ZWholeNumber = z
  .string()
  .regex(/^-?\d+$/, "must be a whole number")
  .transform(Number)
  .refine((value) => Math.abs(value) <= INT32_MAX, "is out of range");
const ZCount = z
  .string()
  .regex(/^\d+$/, "must be a whole number, 0 or more")
  .transform(Number)
  .refine((value) => value <= INT32_MAX, "is out of range");
const ZPositiveCount = ZCount.refine((value) => value >= 1, "must be at least 1");
const ZAmount = z
  .string()
  .regex(/^\d+(\.\d+)?$/, "must be a decimal number, 0 or more (dot as decimal separator)")
  .transform(Number)
  .refine((value) => value <= MAX_AMOUNT, `is out of range (at most ${MAX_AMOUNT.toExponential()})`);
/** How a new product sells relative to its reference: 0.8 = 80 % of it. */
const ZReferenceFactor = z
  .string()
  .regex(/^\d+(\.\d+)?$/, "must be a decimal number (dot as decimal separator)")
  .transform(Number)
  .refine((value) => value > 0 && value <= 10, "must be more than 0 and at most 10");
const ZRatio = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, "must be a decimal number (dot as decimal separator)")
  .transform(Number)
  .refine((value) => value > -1, "must be greater than -1")
  .refine((value) => value <= MAX_UPLIFT, `is out of range (at most ${MAX_UPLIFT})`);

/** A cell that may be blank (→ `fallback`); otherwise it must satisfy `schema`, whose message is kept. */
function blankOr<Output, Fallback>(schema: z.ZodType<Output, string>, fallback: Fallback) {
  return z.string().transform((text, ctx): Output | Fallback => {
    if (text === "") return fallback;
    const result = schema.safeParse(text);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue({ code: "custom", message: issue.message });
    return z.NEVER;
  });
}

/**
 * A date must fall in a plausible window, or one typo (2099-01-01) moves the plan's "as of" date
 * decades ahead. Facts (sales, stock counts, orders placed, receipts) are at most tomorrow (time
 * zones); plans (promised dates, promotions) at most two years ahead; nothing before the earliest
 * data date (STOCKPILOT_EARLIEST_DATA_DATE, default 2000-01-01).
 */
export const FACT_DAYS_AHEAD = 1;
export const PLAN_DAYS_AHEAD = 730;
/** Checked once per date cell (tens of millions in a large import): parsed again only when the setting changes. */
let earliest: { setting: string; day: CalendarDay } | null = null;
function earliestDataDay(): CalendarDay {
  const setting = process.env.STOCKPILOT_EARLIEST_DATA_DATE || "2000-01-01";
  if (earliest?.setting !== setting) earliest = { setting, day: parseCalendarDay(setting) ?? parseCalendarDay("2000-01-01")! };
  return earliest.day;
}

export function dayWindowProblem(day: CalendarDay, daysAhead: number, today = new Date()): string | null {
  const earliest = earliestDataDay();
  const latest = Math.floor(today.getTime() / MS_PER_DAY) + daysAhead;
  if (day.dayNumber < earliest.dayNumber) return `is before ${earliest.date.toISOString().slice(0, 10)}, the earliest date accepted`;
  if (day.dayNumber > latest) {
    return `is after ${new Date(latest * MS_PER_DAY).toISOString().slice(0, 10)}: ${daysAhead === FACT_DAYS_AHEAD ? "a fact cannot be dated in the future" : "more than two years ahead"}`;
  }
  return null;
}

const dayWithin = (daysAhead: number) =>
  z.string().transform((text, ctx): CalendarDay => {
    const day = parseCalendarDay(text);
    if (!day) {
      ctx.addIssue({ code: "custom", message: "must be a date in YYYY-MM-DD form" });
      return z.NEVER;
    }
    const problem = dayWindowProblem(day, daysAhead);
    if (problem) {
      ctx.addIssue({ code: "custom", message: problem });
      return z.NEVER;
    }
    return day;
  });
/** Something that happened: a sale, a count, an order placed, a receipt. */
const ZDay = dayWithin(FACT_DAYS_AHEAD);
const ZOptionalDay = blankOr(ZDay, null);
/** Something planned: a promised delivery, a promotion. */
const ZPlanDay = dayWithin(PLAN_DAYS_AHEAD);

const ZFlag = z
  .enum(["0", "1", "true", "false", "TRUE", "FALSE"], { message: "must be 0, 1, true or false" })
  .transform((text) => text === "1" || text.toLowerCase() === "true");
const ZOptionalFlag = blankOr(ZFlag, null);
const ZOptionalCode = blankOr(ZCode, null);
const ZOptionalLabel = blankOr(ZLabel, null);

export const LOCATION_TYPES = ["STORE", "DC", "ECOM"] as const;
export const PURCHASE_ORDER_STATUSES = ["OPEN", "PARTIAL", "RECEIVED", "CANCELLED"] as const;

export const ZLocationRow = z.object({
  code: ZCode,
  name: ZText,
  type: z.enum(LOCATION_TYPES, { message: `must be one of ${LOCATION_TYPES.join(", ")}` }),
  region: ZLabel,
  cluster: ZLabel,
  source_dc: ZOptionalCode,
});

export const ZSupplierRow = z.object({
  code: ZCode,
  name: ZText,
  promised_lead_time_days: ZCount.refine((days) => days <= 365, "must be at most 365"),
});

export const ZProductRow = z.object({
  sku: ZCode,
  name: ZText,
  department: ZLabel,
  category: ZLabel,
  subcategory: ZLabel,
  unit_cost: ZAmount,
  unit_price: ZAmount,
  case_pack: ZPositiveCount,
  supplier: ZCode,
  /** A new product's like-for-like SKU (the planner's choice) and the factor its forecast is scaled by. */
  reference_sku: ZOptionalCode,
  reference_factor: blankOr(ZReferenceFactor, null),
}).superRefine((row, ctx) => {
  if (row.reference_factor !== null && row.reference_sku === null) ctx.addIssue({ code: "custom", path: ["reference_factor"], message: "needs a reference_sku" });
  if (row.reference_sku !== null && row.reference_sku === row.sku) ctx.addIssue({ code: "custom", path: ["reference_sku"], message: "cannot be the product itself" });
});

export const ZSalesRow = z.object({
  date: ZDay,
  location: ZCode,
  sku: ZCode,
  units: ZCount,
  revenue: ZAmount,
  on_promo: ZFlag,
  stockout: ZOptionalFlag,
});

/** Units customers returned at a location on a day (any channel); not netted against that day's sales. */
export const ZReturnsRow = z.object({
  date: ZDay,
  location: ZCode,
  sku: ZCode,
  units: ZPositiveCount,
});

/**
 * A sales row to remove (the correction path for data that should never have been imported). Any
 * real calendar date is accepted here — deleting a stray 2099 row must be possible.
 */
export const ZSalesDeletionRow = z.object({
  date: z.string().transform((text, ctx): CalendarDay => {
    const day = parseCalendarDay(text);
    if (day) return day;
    ctx.addIssue({ code: "custom", message: "must be a date in YYYY-MM-DD form" });
    return z.NEVER;
  }),
  location: ZCode,
  sku: ZCode,
});

export const ZInventoryRow = z.object({
  as_of: ZDay,
  location: ZCode,
  sku: ZCode,
  on_hand: ZWholeNumber,
});

export const ZPurchaseOrderRow = z.object({
  po_number: ZCode,
  supplier: ZCode,
  destination: ZCode,
  ordered_at: ZDay,
  promised_at: ZPlanDay,
  status: z.enum(PURCHASE_ORDER_STATUSES, { message: `must be one of ${PURCHASE_ORDER_STATUSES.join(", ")}` }),
  line_no: ZPositiveCount,
  sku: ZCode,
  qty_ordered: ZCount,
  qty_received: blankOr(ZCount, 0),
  received_at: ZOptionalDay,
});

export const ZPromotionRow = z.object({
  code: ZCode,
  name: ZText,
  sku: ZOptionalCode,
  category: ZOptionalLabel,
  location: ZOptionalCode,
  region: ZOptionalLabel,
  start_date: ZPlanDay,
  end_date: ZPlanDay,
  expected_uplift: ZRatio,
});

export type TLocationRow = z.infer<typeof ZLocationRow>;
export type TSupplierRow = z.infer<typeof ZSupplierRow>;
export type TProductRow = z.infer<typeof ZProductRow>;
export type TSalesRow = z.infer<typeof ZSalesRow>;
export type TReturnsRow = z.infer<typeof ZReturnsRow>;
export type TInventoryRow = z.infer<typeof ZInventoryRow>;
export type TPurchaseOrderRow = z.infer<typeof ZPurchaseOrderRow>;
export type TPromotionRow = z.infer<typeof ZPromotionRow>;

/** Header of each file: the columns a file must have, and those it may leave out (read as blank). */
export interface CsvColumns {
  required: readonly string[];
  optional: readonly string[];
}

export const CSV_COLUMNS = {
  locations: { required: ["code", "name", "type", "region", "cluster"], optional: ["source_dc"] },
  suppliers: { required: ["code", "name", "promised_lead_time_days"], optional: [] },
  products: {
    required: ["sku", "name", "department", "category", "subcategory", "unit_cost", "unit_price", "case_pack", "supplier"],
    optional: ["reference_sku", "reference_factor"],
  },
  sales: { required: ["date", "location", "sku", "units", "revenue", "on_promo"], optional: ["stockout"] },
  sales_deletions: { required: ["date", "location", "sku"], optional: [] },
  returns: { required: ["date", "location", "sku", "units"], optional: [] },
  inventory: { required: ["as_of", "location", "sku", "on_hand"], optional: [] },
  purchase_orders: {
    required: ["po_number", "supplier", "destination", "ordered_at", "promised_at", "status", "line_no", "sku", "qty_ordered"],
    optional: ["qty_received", "received_at"],
  },
  promotions: {
    required: ["code", "name", "start_date", "end_date", "expected_uplift"],
    optional: ["sku", "category", "location", "region"],
  },
} as const satisfies Record<string, CsvColumns>;

/** Where and why a file was refused. `line` is 1-based with the header on line 1; 0 means the file as a whole. */
export interface ImportErrorDetail {
  file: string;
  line: number;
  column: string | null;
  value: string | null;
  message: string;
}

export function formatImportError(detail: ImportErrorDetail): string {
  const where = [detail.file, detail.line > 0 ? `line ${detail.line}` : null, detail.column ? `column ${detail.column}` : null]
    .filter((part) => part !== null)
    .join(", ");
  // Quoted as JSON: control characters (a NUL, a terminal escape) are shown escaped, never written raw
  // into the import history (PostgreSQL refuses a NUL in text).
  const value = detail.value === null ? "" : ` (value ${JSON.stringify(detail.value)})`;
  return `${where}: ${detail.message}${value}`;
}

// ---------------------------------------------------------------------------------------------
// Data status: what was imported, when, and how fresh it is
// ---------------------------------------------------------------------------------------------

export interface DataStatusFile {
  kind: string;
  fileName: string;
  rows: number;
}

export interface DataStatusBatch {
  id: string;
  source: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  rowsTotal: number;
  error: string | null;
  importedBy: string | null;
  files: DataStatusFile[];
}

export interface DataStatus {
  /** The most recent batch that succeeded: what the planning data currently reflects. */
  lastSuccess: DataStatusBatch | null;
  /** The latest batches of any outcome, newest first. */
  recent: DataStatusBatch[];
  /** Row counts per table, as they are now. */
  counts: { locations: number; products: number; suppliers: number; salesDays: number };
}

/**
 * What the data a plan is made from covers, read from the tables (not from the last import, which
 * may have been one small file): the sales window, the latest stock count, open orders,
 * promotions, and which of them are missing altogether.
 */
export interface DataCoverage {
  /** First and last day with sales (YYYY-MM-DD), null without sales. */
  salesFrom: string | null;
  salesTo: string | null;
  /** Whole days between the last sales day and today (UTC); 1 = sales through yesterday. */
  salesAgeDays: number | null;
  locations: number;
  products: number;
  /** Day of the latest stock count, null without any. */
  inventoryAsOf: string | null;
  openPurchaseOrders: number;
  /** Promotions running or starting later. */
  currentPromotions: number;
  /** Kinds of data the plan needs that have no rows at all, in words (e.g. "stock counts"). */
  missing: string[];
}

