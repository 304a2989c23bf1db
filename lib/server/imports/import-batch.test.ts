import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { db } from "../db";
import { fileKindFromName, importBatch, type ImportFileInput, type ImportFileKind } from "./import-batch";

const actor = { id: null, role: "admin", scopes: [] } as const;

const GOOD: Record<Exclude<ImportFileKind, "sales_deletions" | "returns">, string> = {
  locations: [
    "code,name,type,region,cluster,source_dc",
    "DC1,Central DC,DC,North,dc,",
    "S1,Store One,STORE,North,urban,DC1",
    "S2,Store Two,STORE,North,suburban,DC1",
    "WEB,Online,ECOM,National,ecom,DC1",
  ].join("\n"),
  suppliers: ["code,name,promised_lead_time_days", "SUP1,Acme,7", 'SUP2,"Bolt, Inc.",10'].join("\n"),
  products: [
    "sku,name,department,category,subcategory,unit_cost,unit_price,case_pack,supplier",
    "A1,Apple juice 1l,Grocery,Drinks,Juice,0.80,1.99,12,SUP1",
    "B2,Bread,Grocery,Bakery,Bread,0.50,1.49,6,SUP2",
  ].join("\n"),
  sales: [
    "date,location,sku,units,revenue,on_promo,stockout",
    "2025-01-01,S1,A1,3,5.97,0,",
    "2025-01-01,S2,A1,1,1.99,0,0",
    "2025-01-01,S1,B2,2,2.98,1,0",
    "2025-01-02,S1,A1,0,0,0,1",
    "2025-01-02,WEB,A1,5,9.95,0,",
  ].join("\n"),
  inventory: ["as_of,location,sku,on_hand", "2025-01-03,S1,A1,12", "2025-01-03,S2,A1,-2", "2025-01-03,DC1,B2,240"].join("\n"),
  purchase_orders: [
    "po_number,supplier,destination,ordered_at,promised_at,status,line_no,sku,qty_ordered,qty_received,received_at",
    "PO1,SUP1,DC1,2024-12-20,2024-12-27,RECEIVED,1,A1,120,120,2024-12-28",
    "PO2,SUP2,DC1,2025-01-02,2025-01-12,OPEN,1,B2,60,0,",
    "PO2,SUP2,DC1,2025-01-02,2025-01-12,OPEN,2,A1,24,,",
  ].join("\n"),
  promotions: [
    "code,name,sku,category,location,region,start_date,end_date,expected_uplift",
    "P1,Juice week,A1,,,North,2025-01-06,2025-01-12,0.3",
    "P2,Bakery online,,Bakery,WEB,,2025-01-10,2025-01-20,0.15",
  ].join("\n"),
};

function csvFile(kind: ImportFileKind, text: string): ImportFileInput {
  return { kind, fileName: `${kind}.csv`, open: () => Readable.from([Buffer.from(text)]) };
}

function allGoodFiles(): ImportFileInput[] {
  return Object.entries(GOOD).map(([kind, text]) => csvFile(kind as ImportFileKind, text));
}

function withLine(text: string, lineNumber: number, replacement: string): string {
  const lines = text.split("\n");
  lines[lineNumber - 1] = replacement;
  return lines.join("\n");
}

async function tableCounts() {
  return {
    locations: await db.location.count(),
    suppliers: await db.supplier.count(),
    products: await db.product.count(),
    sales: await db.salesDaily.count(),
    inventory: await db.inventoryPosition.count(),
    purchaseOrders: await db.purchaseOrder.count(),
    purchaseOrderLines: await db.purchaseOrderLine.count(),
    promotions: await db.promotion.count(),
  };
}

async function updatedAtStamps() {
  const rows = [
    ...(await db.location.findMany({ select: { updatedAt: true } })),
    ...(await db.product.findMany({ select: { updatedAt: true } })),
    ...(await db.purchaseOrder.findMany({ select: { updatedAt: true } })),
  ];
  return rows.map((row) => row.updatedAt.toISOString());
}

describe("importBatch", () => {
  it("imports every canonical file, stores dates as Prisma does and audits the batch", async () => {
    const progress: number[] = [];
    const result = await importBatch(db, { files: allGoodFiles(), actor, source: "cli", onProgress: (p) => progress.push(p.rows) });
    expect(result).toMatchObject({
      status: "succeeded",
      unchanged: false,
      rows: { locations: 4, suppliers: 2, products: 2, sales: 5, inventory: 3, purchase_orders: 3, promotions: 2 },
    });
    expect(await tableCounts()).toEqual({
      locations: 4, suppliers: 2, products: 2, sales: 5, inventory: 3, purchaseOrders: 2, purchaseOrderLines: 3, promotions: 2,
    });
    expect(progress.length).toBeGreaterThanOrEqual(7);

    const sale = await db.salesDaily.findFirstOrThrow({ where: { location: { code: "S1" }, product: { sku: "B2" } } });
    expect(sale).toMatchObject({ date: new Date("2025-01-01T00:00:00.000Z"), units: 2, revenue: 2.98, onPromo: true, stockout: false });
    const unknownStockout = await db.salesDaily.findFirstOrThrow({ where: { location: { code: "WEB" } } });
    expect(unknownStockout.stockout).toBeNull();
    const line = await db.purchaseOrderLine.findFirstOrThrow({ where: { purchaseOrder: { poNumber: "PO2" }, lineNo: 2 } });
    expect(line).toMatchObject({ qtyOrdered: 24, qtyReceived: 0, receivedAt: null });
    expect((await db.supplier.findUniqueOrThrow({ where: { code: "SUP2" } })).name).toBe("Bolt, Inc.");

    const batch = await db.importBatch.findUniqueOrThrow({ where: { id: result.batchId }, include: { files: true } });
    expect(batch).toMatchObject({ status: "succeeded", rowsTotal: 21 });
    expect(batch.files).toHaveLength(7);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: result.batchId } });
    expect(audit.action).toBe("import.succeeded");
  });

  it("changes nothing when the same data is imported again", async () => {
    const countsBefore = await tableCounts();
    const stampsBefore = await updatedAtStamps();
    const result = await importBatch(db, { files: allGoodFiles(), actor, source: "cli" });
    expect(result).toMatchObject({ status: "succeeded", unchanged: true });
    expect(await tableCounts()).toEqual(countsBefore);
    expect(await updatedAtStamps()).toEqual(stampsBefore);

    const changed = await importBatch(db, { files: [csvFile("sales", withLine(GOOD.sales, 2, "2025-01-01,S1,A1,4,7.96,0,"))], actor, source: "cli" });
    expect(changed).toMatchObject({ status: "succeeded", unchanged: false, rows: { sales: 5 } });
    const sale = await db.salesDaily.findFirstOrThrow({ where: { location: { code: "S1" }, product: { sku: "A1" }, date: new Date("2025-01-01") } });
    expect(sale.units).toBe(4);
  });

  it("updates a received PO line and adds a new line on a re-import, leaving the other lines as they were", async () => {
    const receivedLine = "PO2,SUP2,DC1,2025-01-02,2025-01-12,OPEN,1,B2,60,40,2025-01-11";
    const text = `${withLine(GOOD.purchase_orders, 3, receivedLine)}\nPO2,SUP2,DC1,2025-01-02,2025-01-12,OPEN,3,B2,12,,`;
    const untouched = await db.purchaseOrderLine.findFirstOrThrow({ where: { purchaseOrder: { poNumber: "PO1" }, lineNo: 1 } });
    const result = await importBatch(db, { files: [csvFile("purchase_orders", text)], actor, source: "cli" });
    expect(result).toMatchObject({ status: "succeeded", unchanged: false, rows: { purchase_orders: 4 } });
    const lines = await db.purchaseOrderLine.findMany({ where: { purchaseOrder: { poNumber: "PO2" } }, orderBy: { lineNo: "asc" }, include: { product: true } });
    expect(lines.map((line) => [line.lineNo, line.product.sku, line.qtyOrdered, line.qtyReceived, line.receivedAt?.toISOString() ?? null])).toEqual([
      [1, "B2", 60, 40, "2025-01-11T00:00:00.000Z"],
      [2, "A1", 24, 0, null],
      [3, "B2", 12, 0, null],
    ]);
    expect(await db.purchaseOrderLine.findFirstOrThrow({ where: { purchaseOrder: { poNumber: "PO1" }, lineNo: 1 } })).toEqual(untouched);
    expect(await importBatch(db, { files: [csvFile("purchase_orders", text)], actor, source: "cli" })).toMatchObject({ status: "succeeded", unchanged: true });
    // Back to the batch the later tests expect.
    await db.purchaseOrderLine.deleteMany({ where: { lineNo: 3 } });
    expect(await importBatch(db, { files: [csvFile("purchase_orders", GOOD.purchase_orders)], actor, source: "cli" })).toMatchObject({ status: "succeeded" });
  });

  it("refuses a bad cell in the last file of a batch and leaves every table as it was", async () => {
    const before = await tableCounts();
    const badSales = [GOOD.sales, "2025-01-03,S1,A1,1,1.99,0,", "2025-01-04,S2,B2,abc,1.49,0,"].join("\n");
    const files = [
      csvFile("locations", `${GOOD.locations}\nS3,Store Three,STORE,South,urban,DC1`),
      csvFile("products", `${GOOD.products}\nC3,Cheese,Grocery,Dairy,Cheese,2.00,3.99,8,SUP1`),
      csvFile("sales", badSales),
    ];
    const result = await importBatch(db, { files, actor, source: "cli" });
    expect(result).toMatchObject({ status: "failed", error: { file: "sales.csv", line: 8, column: "units", value: "abc" } });
    expect(await tableCounts()).toEqual(before);

    const batch = await db.importBatch.findUniqueOrThrow({ where: { id: result.batchId } });
    expect(batch.status).toBe("failed");
    expect(batch.error).toContain("sales.csv, line 8, column units");
    expect((await db.auditEvent.findFirstOrThrow({ where: { entityId: result.batchId } })).action).toBe("import.failed");
  });

  it.each([
    ["units abc on line 7", withLine(`${GOOD.sales}\n2025-01-03,S1,A1,1,1,0,`, 7, "2025-01-03,S1,A1,abc,1,0,"), { line: 7, column: "units", value: "abc" }],
    ["an unknown sku", withLine(GOOD.sales, 3, "2025-01-01,S2,ZZ9,1,1.99,0,"), { line: 3, column: "sku", value: "ZZ9" }],
    ["a date that does not exist", withLine(GOOD.sales, 4, "2025-02-30,S1,B2,2,2.98,1,0"), { line: 4, column: "date", value: "2025-02-30" }],
    ["a duplicate natural key", `${GOOD.sales}\n2025-01-02,WEB,A1,6,11.94,0,`, { line: 7, column: "date", value: "2025-01-02" }],
    ["a missing header column", GOOD.sales.replace(",revenue", ""), { line: 1, column: "revenue", value: null }],
    ["an extra header column", GOOD.sales.replace(",stockout", ",stockout,colour"), { line: 1, column: "colour", value: "colour" }],
    ["a row with too many fields", withLine(GOOD.sales, 5, "2025-01-02,S1,A1,0,0,0,1,9"), { line: 5, column: null }],
  ])("names file, line, column and value for %s", async (_name, salesText, expected) => {
    const before = await tableCounts();
    const result = await importBatch(db, { files: [csvFile("sales", salesText)], actor, source: "web" });
    expect(result).toMatchObject({ status: "failed", error: { file: "sales.csv", ...expected } });
    expect(await tableCounts()).toEqual(before);
  });

  it.each([
    ["a 400-digit unit_cost", "products", withLine(GOOD.products, 2, `A1,Apple juice 1l,Grocery,Drinks,Juice,${"9".repeat(400)},1.99,12,SUP1`), { line: 2, column: "unit_cost" }],
    ["a 400-digit revenue", "sales", withLine(GOOD.sales, 2, `2025-01-01,S1,A1,3,${"9".repeat(400)},0,`), { line: 2, column: "revenue" }],
    ["a 400-digit expected_uplift", "promotions", withLine(GOOD.promotions, 2, `P1,Juice week,A1,,,North,2025-01-06,2025-01-12,${"9".repeat(400)}`), { line: 2, column: "expected_uplift" }],
    ["a NUL byte in a name", "products", withLine(GOOD.products, 3, "B2,Bre\u0000ad,Grocery,Bakery,Bread,0.50,1.49,6,SUP2"), { line: 3, column: "name", value: "Bre\u0000ad" }],
    ["a terminal escape in a name", "suppliers", withLine(GOOD.suppliers, 2, "SUP1,\u001b[31mAcme,7"), { line: 2, column: "name" }],
    ["a sale dated 2099", "sales", withLine(GOOD.sales, 3, "2099-01-01,S2,A1,1,1.99,0,0"), { line: 3, column: "date", value: "2099-01-01" }],
    ["a sale dated 1901", "sales", withLine(GOOD.sales, 3, "1901-01-01,S2,A1,1,1.99,0,0"), { line: 3, column: "date", value: "1901-01-01" }],
    ["a stock count dated 2099", "inventory", withLine(GOOD.inventory, 2, "2099-01-03,S1,A1,12"), { line: 2, column: "as_of" }],
  ])("refuses %s with file, line, column and value, writing nothing", async (_name, kind, text, expected) => {
    const before = await tableCounts();
    const result = await importBatch(db, { files: [csvFile(kind as ImportFileKind, text)], actor, source: "cli" });
    expect(result).toMatchObject({ status: "failed", error: { file: `${kind}.csv`, ...expected } });
    expect(await tableCounts()).toEqual(before);
  });

  it("refuses latin-1 bytes in a UTF-8 file instead of storing U+FFFD", async () => {
    const before = await tableCounts();
    const latin1 = Buffer.concat([Buffer.from("code,name,promised_lead_time_days\nSUP1,Caf"), Buffer.from([0xe9]), Buffer.from(" Acme,7\n")]);
    const file: ImportFileInput = { kind: "suppliers", fileName: "suppliers.csv", open: () => Readable.from([latin1]) };
    const result = await importBatch(db, { files: [file], actor, source: "cli" });
    expect(result).toMatchObject({ status: "failed", error: { file: "suppliers.csv", line: 2, column: "name", message: expect.stringContaining("not valid UTF-8") } });
    expect(await tableCounts()).toEqual(before);
  });

  it("lists up to 100 problems of the failing file, each with line, column and value, the stopping one among them", async () => {
    const rows = Array.from({ length: 150 }, (_, i) => `2025-01-01,S1,A1,${i % 2 === 0 ? "x" : "3"},${i % 3 === 0 ? "-1" : "5.97"},0,`);
    const text = [GOOD.sales.split("\n")[0], ...rows].join("\n");
    const result = await importBatch(db, { files: [csvFile("sales", text)], actor, source: "cli" });
    if (result.status !== "failed") throw new Error("expected a failure");
    expect(result.errors).toHaveLength(100);
    expect(result.moreErrors).toBe(true);
    expect(result.errors[0]).toEqual(result.error);
    expect(result.errors[0]).toMatchObject({ file: "sales.csv", line: 2, column: "units", value: "x" });
    expect(result.errors).toContainEqual(expect.objectContaining({ line: 2, column: "revenue", value: "-1" }));
    expect(result.errors).toContainEqual(expect.objectContaining({ line: 4, column: "units", value: "x" }));
    expect(result.errors.map((e) => e.line)).toEqual([...result.errors.map((e) => e.line)].sort((a, b) => a - b));
  });

  it("hints at a semicolon-separated file and at latin-1 bytes", async () => {
    const semicolons = "code;name;promised_lead_time_days\nSUP1;Acme;7\n";
    const bySemicolon = await importBatch(db, { files: [csvFile("suppliers", semicolons)], actor, source: "cli" });
    expect(bySemicolon).toMatchObject({ status: "failed", hint: expect.stringContaining("semicolon-separated") });
    const latin1 = Buffer.concat([Buffer.from("code,name,promised_lead_time_days\nSUP1,Caf"), Buffer.from([0xe9]), Buffer.from(" Acme,7\nSUP2,Cr"), Buffer.from([0xe8]), Buffer.from("me,5\n")]);
    const byEncoding = await importBatch(db, { files: [{ kind: "suppliers", fileName: "suppliers.csv", open: () => Readable.from([latin1]) }], actor, source: "cli" });
    expect(byEncoding).toMatchObject({ status: "failed", hint: expect.stringContaining("not UTF-8") });
    if (byEncoding.status === "failed") expect(byEncoding.errors.map((e) => e.line)).toEqual([2, 3]);
  });

  it("echoes at most a short prefix of a 100 KB value in the error, the import history and the audit", async () => {
    const huge = "x".repeat(100_000);
    const result = await importBatch(db, { files: [csvFile("sales", withLine(GOOD.sales, 2, `2025-01-01,S1,A1,${huge},5.97,0,`))], actor, source: "cli" });
    expect(result.status).toBe("failed");
    if (result.status !== "failed") return;
    expect(result.error.value!.length).toBeLessThan(200);
    expect(result.error.value).toContain("(100,000 characters)");
    const batch = await db.importBatch.findUniqueOrThrow({ where: { id: result.batchId } });
    expect(batch.error!.length).toBeLessThan(400);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: result.batchId } });
    expect(audit.after!.length).toBeLessThan(1_000);
  });

  it("checks cross-row rules of master data and purchase orders", async () => {
    const badSource = withLine(GOOD.locations, 3, "S1,Store One,STORE,North,urban,S2");
    expect(await importBatch(db, { files: [csvFile("locations", badSource)], actor, source: "cli" })).toMatchObject({
      status: "failed",
      error: { line: 3, column: "source_dc", value: "S2", message: "is not a DC" },
    });
    const badPo = withLine(GOOD.purchase_orders, 4, "PO2,SUP2,DC1,2025-01-02,2025-01-13,OPEN,2,A1,24,,");
    expect(await importBatch(db, { files: [csvFile("purchase_orders", badPo)], actor, source: "cli" })).toMatchObject({
      status: "failed",
      error: { line: 4, column: "promised_at", value: "2025-01-13" },
    });
    const badPromo = withLine(GOOD.promotions, 2, "P1,Juice week,A1,Drinks,,North,2025-01-06,2025-01-12,0.3");
    expect(await importBatch(db, { files: [csvFile("promotions", badPromo)], actor, source: "cli" })).toMatchObject({
      status: "failed",
      error: { line: 2, column: "sku", message: "give exactly one of sku and category" },
    });
  });

  it("counts lines of quoted multi-line cells and blank lines when naming the bad line", async () => {
    const suppliers = ["code,name,promised_lead_time_days", 'SUP7,"Two-line\nname",5', "", "SUP8,Lone,soon"].join("\n");
    expect(await importBatch(db, { files: [csvFile("suppliers", suppliers)], actor, source: "cli" })).toMatchObject({
      status: "failed",
      error: { line: 5, column: "promised_lead_time_days", value: "soon" },
    });
  });

  it("takes back a stray far-future sale with a deletion file, audited, and a second run changes nothing", async () => {
    await importBatch(db, { files: allGoodFiles(), actor, source: "cli" });
    const [store, product] = [await db.location.findUniqueOrThrow({ where: { code: "S1" } }), await db.product.findUniqueOrThrow({ where: { sku: "A1" } })];
    // A row from before dates were checked: imports now refuse it, but it may already be stored.
    await db.salesDaily.create({ data: { locationId: store.id, productId: product.id, date: new Date("2099-01-01"), units: 1, revenue: 1, onPromo: false } });
    const before = await db.salesDaily.count();
    const deletions = csvFile("sales_deletions", ["date,location,sku", "2099-01-01,S1,A1"].join("\n"));
    const result = await importBatch(db, { files: [deletions], actor, source: "cli" });
    expect(result).toMatchObject({ status: "succeeded", unchanged: false, rows: { sales_deletions: 1 } });
    expect(await db.salesDaily.count()).toBe(before - 1);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: result.batchId } });
    expect(audit.action).toBe("import.succeeded");
    expect(audit.after).toContain("sales_deletions");
    expect(await importBatch(db, { files: [csvFile("sales_deletions", ["date,location,sku", "2099-01-01,S1,A1"].join("\n"))], actor, source: "cli" })).toMatchObject({ status: "succeeded", unchanged: true });
    const unknown = await importBatch(db, { files: [csvFile("sales_deletions", ["date,location,sku", "2099-01-01,S9,A1"].join("\n"))], actor, source: "cli" });
    expect(unknown).toMatchObject({ status: "failed", error: { file: "sales_deletions.csv", line: 2, column: "location", value: "S9" } });
  });

  it("imports returns.csv apart from sales, audited in the batch; the same file again changes nothing", async () => {
    await importBatch(db, { files: allGoodFiles(), actor, source: "cli" });
    const salesBefore = await db.salesDaily.aggregate({ _sum: { units: true } });
    const returns = csvFile("returns", ["date,location,sku,units", "2025-01-02,S1,A1,2", "2025-01-02,WEB,A1,1", "2025-01-03,WEB,B2,4"].join("\n"));
    const result = await importBatch(db, { files: [returns], actor, source: "cli" });
    expect(result).toMatchObject({ status: "succeeded", unchanged: false, rows: { returns: 3 } });
    const stored = await db.returnDaily.findFirstOrThrow({ where: { location: { code: "WEB" }, product: { sku: "B2" } } });
    expect(stored).toMatchObject({ date: new Date("2025-01-03T00:00:00.000Z"), units: 4 });
    // Returns are not netted against sales: the forecast keeps what customers bought.
    expect(await db.salesDaily.aggregate({ _sum: { units: true } })).toEqual(salesBefore);
    const audit = await db.auditEvent.findFirstOrThrow({ where: { entityId: result.batchId } });
    expect(audit.action).toBe("import.succeeded");
    expect(audit.after).toContain("returns");
    const again = await importBatch(db, { files: [csvFile("returns", ["date,location,sku,units", "2025-01-02,S1,A1,2", "2025-01-02,WEB,A1,1", "2025-01-03,WEB,B2,4"].join("\n"))], actor, source: "cli" });
    expect(again).toMatchObject({ status: "succeeded", unchanged: true });
  });

  it.each([
    ["0 units", "2025-01-04,S1,A1,0", { line: 3, column: "units", value: "0", message: "must be at least 1" }],
    ["negative units", "2025-01-04,S1,A1,-2", { line: 3, column: "units", value: "-2" }],
    ["an unknown sku", "2025-01-04,S1,ZZ9,1", { line: 3, column: "sku", value: "ZZ9" }],
    ["an unknown location", "2025-01-04,S9,A1,1", { line: 3, column: "location", value: "S9" }],
    ["a return dated 2099", "2099-01-04,S1,A1,1", { line: 3, column: "date", value: "2099-01-04" }],
    ["a duplicate of line 2", "2025-01-02,S1,A1,5", { line: 3, column: "date", value: "2025-01-02" }],
  ])("refuses a returns.csv with %s naming file, line and column, and writes nothing", async (_name, badLine, expected) => {
    await importBatch(db, { files: allGoodFiles(), actor, source: "cli" });
    const before = { ...(await tableCounts()), returns: await db.returnDaily.count(), sum: (await db.returnDaily.aggregate({ _sum: { units: true } }))._sum.units };
    const text = ["date,location,sku,units", "2025-01-02,S1,A1,7", badLine].join("\n");
    const result = await importBatch(db, { files: [csvFile("returns", text)], actor, source: "web" });
    expect(result).toMatchObject({ status: "failed", error: { file: "returns.csv", ...expected } });
    expect({ ...(await tableCounts()), returns: await db.returnDaily.count(), sum: (await db.returnDaily.aggregate({ _sum: { units: true } }))._sum.units }).toEqual(before);
    expect((await db.auditEvent.findFirstOrThrow({ where: { entityId: result.batchId } })).action).toBe("import.failed");
  });

  it("stores a new product's like-for-like reference and factor from products.csv (factor 1 when blank)", async () => {
    await importBatch(db, { files: allGoodFiles(), actor, source: "cli" });
    const products = [
      "sku,name,department,category,subcategory,unit_cost,unit_price,case_pack,supplier,reference_sku,reference_factor",
      "N1,Apple juice 2l,Grocery,Drinks,Juice,1.50,3.49,6,SUP1,A1,0.8",
      "N2,Rye bread,Grocery,Bakery,Bread,0.60,1.79,6,SUP2,N3,",
      "N3,Spelt bread,Grocery,Bakery,Bread,0.60,1.79,6,SUP2,,",
    ].join("\n");
    expect(await importBatch(db, { files: [csvFile("products", products)], actor, source: "cli" })).toMatchObject({ status: "succeeded", rows: { products: 3 } });
    const stored = await db.product.findMany({ where: { sku: { in: ["N1", "N2", "N3"] } }, orderBy: { sku: "asc" }, select: { sku: true, referenceSku: true, referenceFactor: true } });
    expect(stored).toEqual([
      { sku: "N1", referenceSku: "A1", referenceFactor: 0.8 },
      { sku: "N2", referenceSku: "N3", referenceFactor: 1 },
      { sku: "N3", referenceSku: null, referenceFactor: null },
    ]);
  });

  it.each([
    ["an unknown reference", "N1,Juice,Grocery,Drinks,Juice,1,2,6,SUP1,ZZ9,0.8", { column: "reference_sku", value: "ZZ9", message: expect.stringContaining("unknown sku") }],
    ["the product as its own reference", "N1,Juice,Grocery,Drinks,Juice,1,2,6,SUP1,N1,0.8", { column: "reference_sku", value: "N1" }],
    ["a factor without a reference", "N1,Juice,Grocery,Drinks,Juice,1,2,6,SUP1,,0.8", { column: "reference_factor", value: "0.8", message: "needs a reference_sku" }],
    ["a factor of 0", "N1,Juice,Grocery,Drinks,Juice,1,2,6,SUP1,A1,0", { column: "reference_factor", value: "0" }],
    ["a factor with a comma", "N1,Juice,Grocery,Drinks,Juice,1,2,6,SUP1,A1,\"0,8\"", { column: "reference_factor", value: "0,8" }],
  ])("refuses products.csv with %s on its line and column, writing nothing", async (_name, line, expected) => {
    await importBatch(db, { files: allGoodFiles(), actor, source: "cli" });
    const before = await tableCounts();
    const header = "sku,name,department,category,subcategory,unit_cost,unit_price,case_pack,supplier,reference_sku,reference_factor";
    const result = await importBatch(db, { files: [csvFile("products", [header, "N0,Other,Grocery,Drinks,Juice,1,2,6,SUP1,,", line].join("\n"))], actor, source: "cli" });
    expect(result).toMatchObject({ status: "failed", error: { file: "products.csv", line: 3, ...expected } });
    expect(await tableCounts()).toEqual(before);
  });

  it("maps canonical file names to kinds", () => {
    expect(fileKindFromName("returns.csv")).toBe("returns");
    expect(fileKindFromName("sales.csv")).toBe("sales");
    expect(fileKindFromName("/tmp/x/purchase_orders.csv")).toBe("purchase_orders");
    expect(fileKindFromName("notes.txt")).toBeNull();
  });
});
