import "server-only";
import { DailyKeySet } from "./daily-key-set";
import type { FileImportOutcome, ImportFileContext } from "./import-file-context";
import { ZSalesRow } from "../../contracts/imports";
import { parseImportRow, rowError } from "./parse-import-row";

export async function importSalesFile(ctx: ImportFileContext): Promise<FileImportOutcome> {
  const writer = ctx.bulkWriter({
    table: "SalesDaily",
    columns: ["locationId", "productId", "date", "units", "revenue", "onPromo", "stockout"],
    conflictColumns: ["locationId", "productId", "date"],
    comparedColumns: ["units", "revenue", "onPromo", "stockout"],
    // Plan shards read their products' whole history.
    physicalOrder: ["productId", "locationId", "date"],
  });
  const locations = await ctx.refs.locations();
  const products = await ctx.refs.products();
  const seen = new DailyKeySet(locations.size, products.size);
  let rows = 0;
  for await (const row of ctx.rows) {
    const sale = parseImportRow(ZSalesRow, row, ctx.fileName);
    const location = locations.get(sale.location);
    if (!location) throw rowError(row, ctx.fileName, "location", "unknown location code (not in locations.csv nor in the database)");
    const product = products.get(sale.sku);
    if (!product) throw rowError(row, ctx.fileName, "sku", "unknown sku (not in products.csv nor in the database)");
    if (!seen.add(sale.date.dayNumber, location.index, product.index)) {
      throw rowError(row, ctx.fileName, "date", `duplicate row: location ${sale.location}, sku ${sale.sku} and this date appear on an earlier line`);
    }
    rows++;
    const values = [location.id, product.id, sale.date.date, sale.units, sale.revenue, sale.on_promo, sale.stockout];
    if (writer.add(values)) await writer.flush();
  }
  await writer.finish();
  return { rows, changed: writer.changed };
}
