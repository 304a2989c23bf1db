import "server-only";
import { DailyKeySet } from "./daily-key-set";
import type { FileImportOutcome, ImportFileContext } from "./import-file-context";
import { ZInventoryRow } from "../../contracts/imports";
import { parseImportRow, rowError } from "./parse-import-row";

export async function importInventoryFile(ctx: ImportFileContext): Promise<FileImportOutcome> {
  const writer = ctx.bulkWriter({
    table: "InventoryPosition",
    columns: ["locationId", "productId", "asOf", "onHand"],
    conflictColumns: ["locationId", "productId", "asOf"],
    comparedColumns: ["onHand"],
  });
  const locations = await ctx.refs.locations();
  const products = await ctx.refs.products();
  const seen = new DailyKeySet(locations.size, products.size);
  let rows = 0;
  for await (const row of ctx.rows) {
    const position = parseImportRow(ZInventoryRow, row, ctx.fileName);
    const location = locations.get(position.location);
    if (!location) throw rowError(row, ctx.fileName, "location", "unknown location code (not in locations.csv nor in the database)");
    const product = products.get(position.sku);
    if (!product) throw rowError(row, ctx.fileName, "sku", "unknown sku (not in products.csv nor in the database)");
    if (!seen.add(position.as_of.dayNumber, location.index, product.index)) {
      throw rowError(row, ctx.fileName, "as_of", `duplicate row: location ${position.location}, sku ${position.sku} and this date appear on an earlier line`);
    }
    rows++;
    if (writer.add([location.id, product.id, position.as_of.date, position.on_hand])) await writer.flush();
  }
  await writer.finish();
  return { rows, changed: writer.changed };
}
