import "server-only";
import { DailyKeySet } from "./daily-key-set";
import type { FileImportOutcome, ImportFileContext } from "./import-file-context";
import { ZReturnsRow } from "../../contracts/imports";
import { parseImportRow, rowError } from "./parse-import-row";

/**
 * returns.csv: units customers returned per location × SKU × day, upserted like sales (a re-import
 * replaces the day's figure; identical data changes nothing). Returns are kept apart from sales so
 * the forecast sees what customers bought and the plan sees what comes back to the shelf.
 */
export async function importReturnsFile(ctx: ImportFileContext): Promise<FileImportOutcome> {
  const writer = ctx.bulkWriter({
    table: "ReturnDaily",
    columns: ["locationId", "productId", "date", "units"],
    conflictColumns: ["locationId", "productId", "date"],
    comparedColumns: ["units"],
  });
  const locations = await ctx.refs.locations();
  const products = await ctx.refs.products();
  const seen = new DailyKeySet(locations.size, products.size);
  let rows = 0;
  for await (const row of ctx.rows) {
    const returned = parseImportRow(ZReturnsRow, row, ctx.fileName);
    const location = locations.get(returned.location);
    if (!location) throw rowError(row, ctx.fileName, "location", "unknown location code (not in locations.csv nor in the database)");
    const product = products.get(returned.sku);
    if (!product) throw rowError(row, ctx.fileName, "sku", "unknown sku (not in products.csv nor in the database)");
    if (!seen.add(returned.date.dayNumber, location.index, product.index)) {
      throw rowError(row, ctx.fileName, "date", `duplicate row: location ${returned.location}, sku ${returned.sku} and this date appear on an earlier line`);
    }
    rows++;
    if (writer.add([location.id, product.id, returned.date.date, returned.units])) await writer.flush();
  }
  await writer.finish();
  return { rows, changed: writer.changed };
}
