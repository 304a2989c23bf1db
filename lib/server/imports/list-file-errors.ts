import "server-only";
import type { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import type { z } from "zod";
import { echoedValue } from "./import-error";
import {
  type ImportErrorDetail,
  CSV_COLUMNS,
  textProblem,
  ZInventoryRow,
  ZLocationRow,
  ZProductRow,
  ZPromotionRow,
  ZPurchaseOrderRow,
  ZReturnsRow,
  ZSalesDeletionRow,
  ZSalesRow,
  ZSupplierRow,
} from "../../contracts/imports";

/** At most this many problems are listed per failed import. */
export const MAX_LISTED_IMPORT_ERRORS = 100;

const ROW_SCHEMAS: Record<keyof typeof CSV_COLUMNS, z.ZodType> = {
  locations: ZLocationRow,
  suppliers: ZSupplierRow,
  products: ZProductRow,
  sales: ZSalesRow,
  sales_deletions: ZSalesDeletionRow,
  returns: ZReturnsRow,
  inventory: ZInventoryRow,
  purchase_orders: ZPurchaseOrderRow,
  promotions: ZPromotionRow,
};

export interface FileErrorList {
  /** Problems by line, the one that stopped the import among them; at most MAX_LISTED_IMPORT_ERRORS. */
  errors: ImportErrorDetail[];
  /** True when the file has more problems than are listed. */
  more: boolean;
  /** A likely cause of many errors at once: a wrong delimiter or text encoding. */
  hint: string | null;
}

const DELIMITERS = [
  { char: ";", name: "semicolons" },
  { char: "\t", name: "tabs" },
  { char: "|", name: "vertical bars" },
] as const;

/** Reads the file's first bytes: enough for the header line and a look at its encoding. */
async function firstBytes(source: Readable, limit = 64 * 1024): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let length = 0;
  for await (const chunk of source) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    chunks.push(buffer);
    length += buffer.length;
    if (length >= limit) break;
  }
  source.destroy();
  return Buffer.concat(chunks).subarray(0, limit);
}

/**
 * Why a whole file may read wrong: UTF-16 or latin-1 bytes instead of UTF-8, or a header split by
 * semicolons or tabs (a spreadsheet saved in a European locale) instead of commas.
 */
export function fileFormatHint(head: Buffer, expectedColumns: readonly string[]): string | null {
  if ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff)) {
    return "The file is UTF-16 text. Save it as “CSV UTF-8” (comma-separated) and import it again.";
  }
  const text = head.toString("utf8");
  const headerLine = text.replace(/^\uFEFF/, "").split(/\r?\n/, 1)[0] ?? "";
  if (!headerLine.includes(",")) {
    const used = DELIMITERS.map((d) => ({ ...d, count: headerLine.split(d.char).length - 1 })).sort((a, b) => b.count - a.count)[0]!;
    if (used.count > 0) {
      return `The header has no commas but ${used.count} ${used.name}: the file looks ${used.name === "tabs" ? "tab" : used.name === "semicolons" ? "semicolon" : "bar"}-separated. Save it as comma-separated CSV (expected header: ${expectedColumns.join(",")}).`;
    }
  }
  if (text.includes("\uFFFD")) {
    return "Some bytes are not UTF-8: the file was probably saved as Windows-1252 or Latin-1. Save it as “CSV UTF-8” and import it again.";
  }
  if (/[\u00C2\u00C3][\u0080-\u00BF]/.test(text)) {
    return "Accented letters look doubly encoded (e.g. “Ã©” for “é”): the file was converted to UTF-8 twice. Export it again as “CSV UTF-8”.";
  }
  return null;
}

const key = (e: ImportErrorDetail) => `${e.line}|${e.column ?? ""}|${e.message}`;

/**
 * After an import failed on `first`, reads the failing file again without writing anything and
 * lists the problems a person fixes in one go: every row whose field count, text or cell values
 * are wrong (up to MAX_LISTED_IMPORT_ERRORS, each with line, column and value), plus the failure
 * itself (which may be a cross-row check such as an unknown SKU). A broken header or malformed
 * quoting stops the listing where it is, since later lines cannot be read reliably.
 */
export async function listFileErrors(
  kind: keyof typeof CSV_COLUMNS,
  fileName: string,
  open: () => Readable,
  first: ImportErrorDetail,
  limit = MAX_LISTED_IMPORT_ERRORS,
): Promise<FileErrorList> {
  const columns = CSV_COLUMNS[kind];
  const hint = fileFormatHint(await firstBytes(open()), columns.required);
  const found = new Map<string, ImportErrorDetail>([[key(first), first]]);
  let more = false;
  const add = (detail: ImportErrorDetail) => {
    const shown = { ...detail, value: detail.value === null ? null : echoedValue(detail.value) };
    if (found.has(key(shown))) return;
    if (found.size >= limit) more = true;
    else found.set(key(shown), shown);
  };

  if (first.line > 1) {
    const schema = ROW_SCHEMAS[kind];
    const parser = open().pipe(parse({ bom: true, trim: true, relax_column_count: true }));
    let header: string[] | null = null;
    let nextLine = 1;
    try {
      for await (const record of parser as AsyncIterable<string[]>) {
        const line = nextLine;
        nextLine += 1 + record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
        if (record.length === 1 && record[0] === "") continue;
        if (header === null) {
          header = record;
          continue;
        }
        if (record.length !== header.length) {
          add({ file: fileName, line, column: null, value: null, message: `expected ${header.length} fields, found ${record.length}` });
        } else {
          const values: Record<string, string> = {};
          header.forEach((name, i) => (values[name] = record[i]!));
          for (const name of columns.optional) values[name] ??= "";
          for (const [column, cell] of Object.entries(values)) {
            const problem = textProblem(cell);
            if (problem) add({ file: fileName, line, column, value: cell, message: problem });
          }
          const result = schema.safeParse(values);
          if (!result.success) {
            for (const issue of result.error.issues) {
              const column = typeof issue.path[0] === "string" ? issue.path[0] : null;
              add({ file: fileName, line, column, value: column === null ? null : (values[column] ?? null), message: issue.message });
            }
          }
        }
        if (more) {
          parser.destroy();
          break;
        }
      }
    } catch (error) {
      if (!(error instanceof CsvError)) throw error;
    }
  }
  // A stable sort by line keeps the stopping problem first on its line, then the row pass's order.
  const errors = [...found.values()].sort((a, b) => a.line - b.line);
  return { errors, more, hint };
}
