import "server-only";
import type { FileImportOutcome, ImportFileContext } from "./import-file-context";
import { ZSalesDeletionRow } from "../../contracts/imports";
import { parseImportRow, rowError } from "./parse-import-row";

/**
 * sales_deletions.csv: removes the named daily sales rows, in the batch's transaction and under its
 * audit record (`import.succeeded` counts the rows removed as changed). The way to take back data
 * that should never have arrived, since imports otherwise only add or update. A row that is already
 * absent changes nothing, so the same file imported twice is harmless.
 */
export async function importSalesDeletionsFile(ctx: ImportFileContext): Promise<FileImportOutcome> {
  const locations = await ctx.refs.locations();
  const products = await ctx.refs.products();
  let rows = 0;
  let changed = 0;
  for await (const row of ctx.rows) {
    const target = parseImportRow(ZSalesDeletionRow, row, ctx.fileName);
    const location = locations.get(target.location);
    if (!location) throw rowError(row, ctx.fileName, "location", "unknown location code");
    const product = products.get(target.sku);
    if (!product) throw rowError(row, ctx.fileName, "sku", "unknown sku");
    rows++;
    const { count } = await ctx.tx.salesDaily.deleteMany({ where: { locationId: location.id, productId: product.id, date: target.date.date } });
    changed += count;
  }
  return { rows, changed };
}
