/**
 * PostgreSQL only (npm run test:postgresql): large import files go through COPY into a stage table
 * and one merge inside the import's transaction (copy-upsert.ts). The general import rules (every
 * file, every error) are import-batch.test.ts, which runs on both databases.
 */
import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { importBatch, type ImportFileInput, type ImportFileKind } from "./import-batch";
import { copyText, firstLoad } from "./copy-upsert";

const actor = { id: null, role: "admin", scopes: [] } as const;
const LOCATIONS = ["code,name,type,region,cluster,source_dc", "DC1,Central DC,DC,North,dc,", "S1,Store One,STORE,North,urban,DC1", "S2,Store Two,STORE,North,suburban,DC1"].join("\n");
const SUPPLIERS = ["code,name,promised_lead_time_days", "SUP1,Acme,7"].join("\n");
const PRODUCTS = ["sku,name,department,category,subcategory,unit_cost,unit_price,case_pack,supplier", "A1,Apple juice,Grocery,Drinks,Juice,0.80,1.99,12,SUP1", "B2,Bread,Grocery,Bakery,Bread,0.50,1.49,6,SUP1"].join("\n");

function csvFile(kind: ImportFileKind, text: string): ImportFileInput {
  return { kind, fileName: `${kind}.csv`, open: () => Readable.from([Buffer.from(text)]) };
}

/** Two stores × two SKUs × `days` days from 2018-01-01: far more rows than one COPY chunk holds. */
function salesLines(days: number, unitsOf: (day: number) => number): string[] {
  const lines = ["date,location,sku,units,revenue,on_promo,stockout"];
  for (let day = 0; day < days; day++) {
    const date = new Date(Date.UTC(2018, 0, 1) + day * 86_400_000).toISOString().slice(0, 10);
    for (const location of ["S1", "S2"]) {
      for (const sku of ["A1", "B2"]) lines.push(`${date},${location},${sku},${unitsOf(day)},${(unitsOf(day) * 1.99).toFixed(2)},${day % 7 === 0 ? 1 : 0},${day % 5 === 0 ? "" : 0}`);
    }
  }
  return lines;
}

/** A table's indexes and constraints as PostgreSQL would recreate them. */
async function tableShape(table: string): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ definition: string }[]>(
    `SELECT pg_get_indexdef(indexrelid) AS definition FROM pg_index WHERE indrelid = '"${table}"'::regclass
     UNION ALL SELECT conname::text || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE conrelid = '"${table}"'::regclass
     ORDER BY 1`,
  );
  return rows.map((row) => row.definition);
}

async function stageTables(): Promise<string[]> {
  const rows = await db.$queryRawUnsafe<{ name: string }[]>(`SELECT tablename::text AS name FROM pg_tables WHERE tablename LIKE 'import_stage_%' ORDER BY 1`);
  return rows.map((row) => row.name);
}

describe("COPY import path (PostgreSQL)", () => {
  it("imports a sales file through COPY with the values the multi-row path stores, and leaves no stage table", async () => {
    // The table is empty: the first-load path drops and rebuilds its keys and indexes.
    const shape = await tableShape("SalesDaily");
    expect(shape.some((definition) => definition.startsWith("SalesDaily_pkey PRIMARY KEY"))).toBe(true);
    expect(shape.filter((definition) => definition.includes("FOREIGN KEY"))).toHaveLength(2);
    const sales = salesLines(2_500, (day) => day % 13);
    const result = await importBatch(db, { files: [csvFile("locations", LOCATIONS), csvFile("suppliers", SUPPLIERS), csvFile("products", PRODUCTS), csvFile("sales", sales.join("\n"))], actor, source: "cli" });
    expect(result).toMatchObject({ status: "succeeded", rows: { sales: 10_000 } });
    expect(await db.salesDaily.count()).toBe(10_000);
    const totals = await db.salesDaily.aggregate({ _sum: { units: true } });
    expect(totals._sum.units).toBe(4 * Array.from({ length: 2_500 }, (_, day) => day % 13).reduce((a, b) => a + b, 0));
    const day7 = await db.salesDaily.findFirstOrThrow({ where: { location: { code: "S2" }, product: { sku: "B2" }, date: new Date("2018-01-08T00:00:00.000Z") } });
    expect(day7).toMatchObject({ units: 7, revenue: 13.93, onPromo: true, stockout: false });
    const day5 = await db.salesDaily.findFirstOrThrow({ where: { location: { code: "S1" }, product: { sku: "A1" }, date: new Date("2018-01-06T00:00:00.000Z") } });
    expect(day5.stockout).toBeNull();
    expect(await stageTables()).toEqual([]);
    expect(await tableShape("SalesDaily")).toEqual(shape);
    // The file came date by date; the table holds each product's history together (a plan shard's read).
    const storage = await db.$queryRawUnsafe<{ productId: number; locationId: number; date: Date }[]>(`SELECT "productId", "locationId", "date" FROM "SalesDaily" ORDER BY ctid`);
    const byProduct = [...storage].sort((a, b) => a.productId - b.productId || a.locationId - b.locationId || a.date.getTime() - b.date.getTime());
    expect(storage).toEqual(byProduct);
  });

  it("rolls a first load back with the table's keys and indexes when a later file of the batch fails", async () => {
    expect(await db.returnDaily.count()).toBe(0);
    const shape = await tableShape("ReturnDaily");
    const returns = csvFile("returns", ["date,location,sku,units", "2018-01-02,S1,A1,2", "2018-01-03,S2,B2,4"].join("\n"));
    const inventory = csvFile("inventory", ["as_of,location,sku,on_hand", "2018-01-04,S1,A1,5", "2018-01-04,S9,A1,5"].join("\n"));
    const result = await importBatch(db, { files: [returns, inventory], actor, source: "cli" });
    expect(result).toMatchObject({ status: "failed", error: { file: "inventory.csv", line: 3, column: "location" } });
    expect(await db.returnDaily.count()).toBe(0);
    expect(await tableShape("ReturnDaily")).toEqual(shape);
    const again = await importBatch(db, { files: [returns], actor, source: "cli" });
    expect(again).toMatchObject({ status: "succeeded", rows: { returns: 2 } });
    expect(await db.returnDaily.count()).toBe(2);
    expect(await tableShape("ReturnDaily")).toEqual(shape);
  });

  it("refuses a first load that breaks a rebuilt key, and changes nothing", async () => {
    // Rows the file's own checks let through cannot break the keys; a stage row written past them can.
    expect(await db.inventoryPosition.count()).toBe(0);
    const shape = await tableShape("InventoryPosition");
    await expect(
      db.$transaction(async (tx) => {
        await tx.$executeRawUnsafe(`CREATE TEMPORARY TABLE dup_stage ON COMMIT DROP AS SELECT "locationId", "productId", "asOf", "onHand" FROM "InventoryPosition" WITH NO DATA`);
        const location = await tx.location.findFirstOrThrow({ where: { code: "S1" } });
        const product = await tx.product.findFirstOrThrow({ where: { sku: "A1" } });
        await tx.$executeRawUnsafe(`INSERT INTO dup_stage VALUES (${location.id}, ${product.id}, '2018-01-04', 1), (${location.id}, ${product.id}, '2018-01-04', 2)`);
        await firstLoad(tx, "InventoryPosition", () => tx.$executeRawUnsafe(`INSERT INTO "InventoryPosition" SELECT * FROM dup_stage`));
      }),
    ).rejects.toThrow(/duplicate|unique/i);
    expect(await db.inventoryPosition.count()).toBe(0);
    expect(await tableShape("InventoryPosition")).toEqual(shape);
  });

  it("counts only rows that changed when the file comes again", async () => {
    const same = await importBatch(db, { files: [csvFile("sales", salesLines(2_500, (day) => day % 13).join("\n"))], actor, source: "cli" });
    expect(same).toMatchObject({ status: "succeeded", unchanged: true });
    const lines = salesLines(2_500, (day) => day % 13);
    lines[1] = lines[1]!.replace(/^(2018-01-01,S1,A1),0,0\.00/, "$1,9,17.91");
    const changed = await importBatch(db, { files: [csvFile("sales", lines.join("\n"))], actor, source: "cli" });
    expect(changed).toMatchObject({ status: "succeeded", unchanged: false });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: changed.batchId } });
    expect(JSON.parse(audit.after!)).toMatchObject({ changedRows: 1 });
    expect(await stageTables()).toEqual([]);
  });

  it("writes nothing when a row deep in the file is bad, names its line, and drops the stage", async () => {
    const before = await db.salesDaily.aggregate({ _sum: { units: true }, _count: true });
    const lines = salesLines(2_500, (day) => day % 11);
    lines[9_000] = lines[9_000]!.replace(/^([^,]+,[^,]+,[^,]+),\d+/, "$1,-3");
    const result = await importBatch(db, { files: [csvFile("sales", lines.join("\n"))], actor, source: "cli" });
    expect(result).toMatchObject({ status: "failed", error: { file: "sales.csv", line: 9_001, column: "units", value: "-3" } });
    expect(await db.salesDaily.aggregate({ _sum: { units: true }, _count: true })).toEqual(before);
    expect(await stageTables()).toEqual([]);
  });

  it("drops a stage table left by a killed import once it is older than any import, and keeps a fresh one", async () => {
    const stale = `import_stage_${Date.now() - 7 * 60 * 60 * 1000}_deadbeef`;
    const fresh = `import_stage_${Date.now()}_cafebabe`;
    for (const name of [stale, fresh]) await db.$executeRawUnsafe(`CREATE UNLOGGED TABLE "${name}" AS SELECT "units" FROM "SalesDaily" WITH NO DATA`);
    const result = await importBatch(db, { files: [csvFile("sales", salesLines(2, () => 1).join("\n"))], actor, source: "cli" });
    expect(result.status).toBe("succeeded");
    expect(await stageTables()).toEqual([fresh]);
    await db.$executeRawUnsafe(`DROP TABLE "${fresh}"`);
  });
});

describe("copyText", () => {
  it("escapes COPY's special characters and writes nulls, booleans, numbers and dates as PostgreSQL reads them", () => {
    expect(copyText("a\\b\tc\nd\re")).toBe("a\\\\b\\tc\\nd\\re");
    expect(copyText("plain, text")).toBe("plain, text");
    expect(copyText(null)).toBe("\\N");
    expect([copyText(true), copyText(false)]).toEqual(["t", "f"]);
    expect(copyText(0.1 + 0.2)).toBe("0.30000000000000004");
    expect(copyText(new Date("2025-03-04T00:00:00.000Z"))).toBe("2025-03-04T00:00:00.000Z");
    expect(() => copyText(Number.NaN)).toThrow(/cannot write NaN/);
  });
});
