import { Readable } from "node:stream";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db";
import { importBatch, type ImportFileInput, type ImportFileKind, type RowCheckThreadOptions } from "./import-batch";

const actor = { id: null, role: "admin", scopes: [] } as const;
/** Small chunks, so a few kilobytes of rows are cut into many chunks across both threads. */
const THREADS: RowCheckThreadOptions = { threads: 2, minFileBytes: 0, chunkBytes: 700 };
const LOCATIONS = ["DC1", "S1", "S2", "S3"];
const SKUS = Array.from({ length: 12 }, (_, i) => `P${String(i + 1).padStart(2, "0")}`);
const DAYS = Array.from({ length: 10 }, (_, i) => `2025-01-${String(i + 1).padStart(2, "0")}`);

const MASTER: Partial<Record<ImportFileKind, string>> = {
  locations: ["code,name,type,region,cluster,source_dc", "DC1,Central DC,DC,North,dc,", ...LOCATIONS.slice(1).map((code) => `${code},Store ${code},STORE,North,urban,DC1`)].join("\n"),
  suppliers: ["code,name,promised_lead_time_days", "SUP1,Acme,7"].join("\n"),
  products: ["sku,name,department,category,subcategory,unit_cost,unit_price,case_pack,supplier", ...SKUS.map((sku) => `${sku},"Item ${sku}, large",Grocery,Drinks,Juice,0.80,1.99,12,SUP1`)].join("\n"),
};

/** 480 sales rows (about 14 kB): every location × SKU × day, values varied by position. */
function salesLines(): string[] {
  const lines: string[] = [];
  let n = 0;
  for (const day of DAYS) for (const location of LOCATIONS) for (const sku of SKUS) {
    n++;
    lines.push(`${day},${location},${sku},${n % 7},${((n % 7) * 1.99).toFixed(2)},${n % 5 === 0 ? 1 : 0},${n % 3 === 0 ? "" : n % 11 === 0 ? "1" : "0"}`);
  }
  return lines;
}
const SALES_HEADER = "date,location,sku,units,revenue,on_promo,stockout";
const salesText = (lines: string[]) => [SALES_HEADER, ...lines].join("\n") + "\n";
const returnsText = () => ["date,location,sku,units", ...DAYS.flatMap((day, d) => SKUS.slice(0, 4).map((sku, i) => `${day},S${(d % 3) + 1},${sku},${i + 1}`))].join("\n");
const inventoryText = () => ["as_of,location,sku,on_hand", ...LOCATIONS.flatMap((location, l) => SKUS.map((sku, i) => `2025-01-10,${location},${sku},${(l * 13 + i * 7) % 40 - 3}`))].join("\n");

/** A file read in small pieces, as a file stream delivers it, so the chunk reader cuts it many times. */
function csvFile(kind: ImportFileKind, text: string): ImportFileInput {
  const bytes = Buffer.from(text);
  const pieces = () => Array.from({ length: Math.ceil(bytes.length / 256) }, (_, i) => bytes.subarray(i * 256, (i + 1) * 256));
  return { kind, fileName: `${kind}.csv`, open: () => Readable.from(pieces()), sizeBytes: bytes.length };
}

async function dailyRows() {
  const sales = await db.salesDaily.findMany({ orderBy: [{ locationId: "asc" }, { productId: "asc" }, { date: "asc" }] });
  const returns = await db.returnDaily.findMany({ orderBy: [{ locationId: "asc" }, { productId: "asc" }, { date: "asc" }] });
  const inventory = await db.inventoryPosition.findMany({ orderBy: [{ locationId: "asc" }, { productId: "asc" }, { asOf: "asc" }] });
  const strip = <T extends object>(rows: T[]) => rows.map((row) => Object.fromEntries(Object.entries(row).filter(([key]) => key !== "id" && key !== "createdAt" && key !== "updatedAt")));
  return { sales: strip(sales), returns: strip(returns), inventory: strip(inventory) };
}

async function clearDailyRows() {
  await db.salesDaily.deleteMany();
  await db.returnDaily.deleteMany();
  await db.inventoryPosition.deleteMany();
}

const dailyFiles = (sales: string) => [csvFile("sales", sales), csvFile("returns", returnsText()), csvFile("inventory", inventoryText())];

describe("importing daily files on row-check threads", () => {
  beforeAll(async () => {
    const master = await importBatch(db, { files: Object.entries(MASTER).map(([kind, text]) => csvFile(kind as ImportFileKind, text)), actor, source: "cli" });
    expect(master.status).toBe("succeeded");
  });

  it("writes exactly the rows a single-threaded import writes, with the same counts and checksum", async () => {
    const sequential = await importBatch(db, { files: dailyFiles(salesText(salesLines())), actor, source: "cli" });
    expect(sequential).toMatchObject({ status: "succeeded", rows: { sales: 480, returns: 40, inventory: 48 } });
    const expected = await dailyRows();
    await clearDailyRows();

    const salesProgress: number[] = [];
    const onProgress = ({ kind, rows }: { kind: ImportFileKind; rows: number }) => kind === "sales" && salesProgress.push(rows);
    const threaded = await importBatch(db, { files: dailyFiles(salesText(salesLines())), actor, source: "cli", rowCheckThreads: THREADS, onProgress });
    // Progress after every chunk: the file went through the threads in many pieces.
    expect(salesProgress.length).toBeGreaterThan(10);
    expect(threaded).toMatchObject({ status: "succeeded", rows: { sales: 480, returns: 40, inventory: 48 }, unchanged: false });
    expect(await dailyRows()).toEqual(expected);
    const checksums = async (batchId: string) => (await db.importBatch.findUniqueOrThrow({ where: { id: batchId } })).checksum;
    if (sequential.status !== "succeeded" || threaded.status !== "succeeded") throw new Error("expected both to succeed");
    expect(await checksums(threaded.batchId)).toBe(await checksums(sequential.batchId));

    // The same data again changes nothing, on threads as on one.
    const again = await importBatch(db, { files: dailyFiles(salesText(salesLines())), actor, source: "cli", rowCheckThreads: THREADS });
    expect(again).toMatchObject({ status: "succeeded", unchanged: true });
  });

  const lines = salesLines();
  const at = (index: number, line: string) => lines.map((existing, i) => (i === index ? line : existing));
  // Data rows 0, 1, ~a chunk boundary, the middle and the last: the bad row lands in the first, an inner and the last chunk.
  const positions = [0, 20, 240, 479];
  const cases: [string, (index: number) => string[]][] = [
    ["a bad cell", (i) => at(i, "2025-01-03,S1,P01,abc,1.99,0,")],
    ["an unknown sku", (i) => at(i, "2025-01-03,S1,ZZ9,1,1.99,0,")],
    ["a field too many", (i) => at(i, "2025-01-03,S1,P01,1,1.99,0,0,9")],
    ["a control character", (i) => at(i, "2025-01-03,S1,P01,1,1.99,0,\u001b")],
    ["a stray closing quote", (i) => at(i, '2025-01-03,S1,"P01"x,1,1.99,0,')],
    ["a quote left open", (i) => at(i, '2025-01-03,S1,"P01,1,1.99,0,')],
    // A key seen on an earlier line: the row's own copy appears on line 2.
    ["a duplicate key", (i) => (i === 0 ? [lines[0]!, ...lines] : at(i, lines[0]!))],
    ["a duplicate just before a bad cell", (i) => {
      const duplicated = i === 0 ? at(0, lines[1]!) : at(i, lines[0]!);
      duplicated[Math.min(i + 2, 479)] = "2025-01-03,S1,P01,x,1,0,";
      return duplicated;
    }],
    ["a bad cell before a duplicate", (i) => [...at(i, "2025-01-03,S1,P01,x,1,0,"), lines[0]!]],
  ];

  it.each(cases)("stops on the same first problem as a single-threaded import for %s, wherever it is, and writes nothing", async (_name, build) => {
    await clearDailyRows();
    for (const position of positions) {
      const text = salesText(build(position));
      const sequential = await importBatch(db, { files: dailyFiles(text), actor, source: "cli" });
      const threaded = await importBatch(db, { files: dailyFiles(text), actor, source: "cli", rowCheckThreads: THREADS });
      expect(sequential.status, `position ${position}`).toBe("failed");
      if (sequential.status !== "failed" || threaded.status !== "failed") throw new Error(`position ${position}: expected both to fail`);
      expect(threaded.error, `position ${position}`).toEqual(sequential.error);
      expect(threaded.errors).toEqual(sequential.errors);
      expect(await db.salesDaily.count()).toBe(0);
      expect(await db.returnDaily.count()).toBe(0);
    }
  }, 120_000);

  it("leaves earlier rows untouched when a later chunk fails", async () => {
    await clearDailyRows();
    expect(await importBatch(db, { files: dailyFiles(salesText(lines)), actor, source: "cli" })).toMatchObject({ status: "succeeded" });
    const before = await dailyRows();
    const changed = lines.map((line) => line.replace(/,(\d+),/, ",99,"));
    changed[470] = "2025-01-03,S1,P01,1,-5,0,";
    const result = await importBatch(db, { files: dailyFiles(salesText(changed)), actor, source: "cli", rowCheckThreads: THREADS });
    expect(result).toMatchObject({ status: "failed", error: { file: "sales.csv", line: 472, column: "revenue", value: "-5" } });
    expect(await dailyRows()).toEqual(before);
  });
});
