import "server-only";
import { BatchedUpsert } from "./batched-upsert";
import type { FileImportOutcome, ImportFileContext } from "./import-file-context";
import { ZPurchaseOrderRow } from "../../contracts/imports";
import { parseImportRow, rowError } from "./parse-import-row";

const HEADER_COLUMNS = ["supplier", "destination", "ordered_at", "promised_at", "status"] as const;

/** One row per PO line; the header fields repeat on every line of a PO and must agree. */
export async function importPurchaseOrdersFile(ctx: ImportFileContext): Promise<FileImportOutcome> {
  const headers = new BatchedUpsert(ctx.tx, {
    table: "PurchaseOrder",
    columns: ["poNumber", "supplierId", "destinationLocationId", "orderedAt", "promisedAt", "status", "createdAt", "updatedAt"],
    conflictColumns: ["poNumber"],
    comparedColumns: ["supplierId", "destinationLocationId", "orderedAt", "promisedAt", "status"],
    touchedColumns: ["updatedAt"],
  });
  // A large file has a million lines: COPY on PostgreSQL. The headers are few and always written first.
  const lines = ctx.bulkWriter({
    table: "PurchaseOrderLine",
    columns: ["purchaseOrderId", "lineNo", "productId", "qtyOrdered", "qtyReceived", "receivedAt"],
    conflictColumns: ["purchaseOrderId", "lineNo"],
    comparedColumns: ["productId", "qtyOrdered", "qtyReceived", "receivedAt"],
    // Resolving the PO id in SQL spares a round trip per PO; its header is always written first.
    valueSql: { purchaseOrderId: `(SELECT "id" FROM "PurchaseOrder" WHERE "poNumber" = ?)` },
  });
  const flushBoth = async () => {
    await headers.flush();
    await lines.flush();
  };
  const suppliers = await ctx.refs.suppliers();
  const locations = await ctx.refs.locations();
  const products = await ctx.refs.products();
  const headerByPo = new Map<string, { line: number; fields: string }>();
  const lineKeys = new Set<string>();
  let rows = 0;
  for await (const row of ctx.rows) {
    const po = parseImportRow(ZPurchaseOrderRow, row, ctx.fileName);
    const supplierId = suppliers.get(po.supplier);
    if (supplierId === undefined) throw rowError(row, ctx.fileName, "supplier", "unknown supplier code (not in suppliers.csv nor in the database)");
    const destination = locations.get(po.destination);
    if (!destination) throw rowError(row, ctx.fileName, "destination", "unknown location code (not in locations.csv nor in the database)");
    const product = products.get(po.sku);
    if (!product) throw rowError(row, ctx.fileName, "sku", "unknown sku (not in products.csv nor in the database)");
    if (po.promised_at.dayNumber < po.ordered_at.dayNumber) throw rowError(row, ctx.fileName, "promised_at", "is before ordered_at");
    if (po.qty_received > 0 && po.received_at === null) throw rowError(row, ctx.fileName, "received_at", "is required when qty_received is above 0");

    const lineKey = `${po.po_number}\u0000${po.line_no}`;
    if (lineKeys.has(lineKey)) throw rowError(row, ctx.fileName, "line_no", `duplicate line of PO ${po.po_number} in this file`);
    lineKeys.add(lineKey);

    const fields = HEADER_COLUMNS.map((column) => row.values[column]).join("\u0000");
    const header = headerByPo.get(po.po_number);
    if (header === undefined) {
      headerByPo.set(po.po_number, { line: row.line, fields });
      const values = [po.po_number, supplierId, destination.id, po.ordered_at.date, po.promised_at.date, po.status, ctx.now, ctx.now];
      if (headers.add(values)) await flushBoth();
    } else if (header.fields !== fields) {
      const column = HEADER_COLUMNS.find((name, i) => header.fields.split("\u0000")[i] !== row.values[name]) ?? null;
      throw rowError(row, ctx.fileName, column, `differs from line ${header.line} of the same PO ${po.po_number}`);
    }
    rows++;
    const lineValues = [po.po_number, po.line_no, product.id, po.qty_ordered, po.qty_received, po.received_at?.date ?? null];
    if (lines.add(lineValues)) await flushBoth();
  }
  await headers.flush();
  await lines.finish();
  return { rows, changed: headers.changed + lines.changed };
}
