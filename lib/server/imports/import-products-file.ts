import "server-only";
import { BatchedUpsert } from "./batched-upsert";
import type { CsvRow } from "./read-csv-rows";
import type { FileImportOutcome, ImportFileContext } from "./import-file-context";
import { ZProductRow } from "../../contracts/imports";
import { parseImportRow, rowError } from "./parse-import-row";

export async function importProductsFile(ctx: ImportFileContext): Promise<FileImportOutcome> {
  const writer = new BatchedUpsert(ctx.tx, {
    table: "Product",
    columns: ["sku", "name", "department", "category", "subcategory", "unitCost", "unitPrice", "casePack", "supplierId", "referenceSku", "referenceFactor", "createdAt", "updatedAt"],
    conflictColumns: ["sku"],
    comparedColumns: ["name", "department", "category", "subcategory", "unitCost", "unitPrice", "casePack", "supplierId", "referenceSku", "referenceFactor"],
    touchedColumns: ["updatedAt"],
  });
  const suppliers = await ctx.refs.suppliers();
  const skus = new Set<string>();
  // A reference may name a SKU further down the file: checked once the whole file is read.
  const referencing: { row: CsvRow; referenceSku: string }[] = [];
  for await (const row of ctx.rows) {
    const product = parseImportRow(ZProductRow, row, ctx.fileName);
    if (skus.has(product.sku)) throw rowError(row, ctx.fileName, "sku", "duplicate sku in this file");
    const supplierId = suppliers.get(product.supplier);
    if (supplierId === undefined) throw rowError(row, ctx.fileName, "supplier", "unknown supplier code (not in suppliers.csv nor in the database)");
    skus.add(product.sku);
    const { sku, name, department, category, subcategory, unit_cost, unit_price, case_pack, reference_sku, reference_factor } = product;
    if (reference_sku !== null) referencing.push({ row, referenceSku: reference_sku });
    const referenceFactor = reference_sku === null ? null : (reference_factor ?? 1);
    const values = [sku, name, department, category, subcategory, unit_cost, unit_price, case_pack, supplierId, reference_sku, referenceFactor, ctx.now, ctx.now];
    if (writer.add(values)) await writer.flush();
  }
  if (referencing.length > 0) {
    const known = await ctx.refs.products();
    for (const { row, referenceSku } of referencing) {
      if (!skus.has(referenceSku) && !known.has(referenceSku)) throw rowError(row, ctx.fileName, "reference_sku", "unknown sku (not in products.csv nor in the database)");
    }
  }
  await writer.flush();
  return { rows: skus.size, changed: writer.changed };
}
