import "server-only";
import { BatchedUpsert } from "./batched-upsert";
import type { FileImportOutcome, ImportFileContext } from "./import-file-context";
import { ZProductRow } from "../../contracts/imports";
import { parseImportRow, rowError } from "./parse-import-row";

export async function importProductsFile(ctx: ImportFileContext): Promise<FileImportOutcome> {
  const writer = new BatchedUpsert(ctx.tx, {
    table: "Product",
    columns: ["sku", "name", "department", "category", "subcategory", "unitCost", "unitPrice", "casePack", "supplierId", "createdAt", "updatedAt"],
    conflictColumns: ["sku"],
    comparedColumns: ["name", "department", "category", "subcategory", "unitCost", "unitPrice", "casePack", "supplierId"],
    touchedColumns: ["updatedAt"],
  });
  const suppliers = await ctx.refs.suppliers();
  const skus = new Set<string>();
  for await (const row of ctx.rows) {
    const product = parseImportRow(ZProductRow, row, ctx.fileName);
    if (skus.has(product.sku)) throw rowError(row, ctx.fileName, "sku", "duplicate sku in this file");
    const supplierId = suppliers.get(product.supplier);
    if (supplierId === undefined) throw rowError(row, ctx.fileName, "supplier", "unknown supplier code (not in suppliers.csv nor in the database)");
    skus.add(product.sku);
    const { sku, name, department, category, subcategory, unit_cost, unit_price, case_pack } = product;
    const values = [sku, name, department, category, subcategory, unit_cost, unit_price, case_pack, supplierId, ctx.now, ctx.now];
    if (writer.add(values)) await writer.flush();
  }
  await writer.flush();
  return { rows: skus.size, changed: writer.changed };
}
