import "server-only";
import { BatchedUpsert } from "./batched-upsert";
import type { FileImportOutcome, ImportFileContext } from "./import-file-context";
import { ZPromotionRow } from "../../contracts/imports";
import { parseImportRow, rowError } from "./parse-import-row";

/** Each promotion targets exactly one of sku/category and exactly one of location/region. */
export async function importPromotionsFile(ctx: ImportFileContext): Promise<FileImportOutcome> {
  const writer = new BatchedUpsert(ctx.tx, {
    table: "Promotion",
    columns: ["code", "name", "sku", "category", "locationCode", "region", "startDate", "endDate", "expectedUplift", "createdAt", "updatedAt"],
    conflictColumns: ["code"],
    comparedColumns: ["name", "sku", "category", "locationCode", "region", "startDate", "endDate", "expectedUplift"],
    touchedColumns: ["updatedAt"],
  });
  // One after another: the transaction has a single connection.
  const products = await ctx.refs.products();
  const categories = await ctx.refs.categories();
  const locations = await ctx.refs.locations();
  const regions = await ctx.refs.regions();
  const codes = new Set<string>();
  for await (const row of ctx.rows) {
    const promo = parseImportRow(ZPromotionRow, row, ctx.fileName);
    if (codes.has(promo.code)) throw rowError(row, ctx.fileName, "code", "duplicate promotion code in this file");
    if ((promo.sku === null) === (promo.category === null)) throw rowError(row, ctx.fileName, "sku", "give exactly one of sku and category");
    if ((promo.location === null) === (promo.region === null)) throw rowError(row, ctx.fileName, "location", "give exactly one of location and region");
    if (promo.sku !== null && !products.has(promo.sku)) throw rowError(row, ctx.fileName, "sku", "unknown sku (not in products.csv nor in the database)");
    if (promo.category !== null && !categories.has(promo.category)) throw rowError(row, ctx.fileName, "category", "no product has this category");
    if (promo.location !== null && !locations.has(promo.location)) throw rowError(row, ctx.fileName, "location", "unknown location code (not in locations.csv nor in the database)");
    if (promo.region !== null && !regions.has(promo.region)) throw rowError(row, ctx.fileName, "region", "no location is in this region");
    if (promo.end_date.dayNumber < promo.start_date.dayNumber) throw rowError(row, ctx.fileName, "end_date", "is before start_date");
    codes.add(promo.code);
    const { code, name, sku, category, location, region, start_date, end_date, expected_uplift } = promo;
    const values = [code, name, sku, category, location, region, start_date.date, end_date.date, expected_uplift, ctx.now, ctx.now];
    if (writer.add(values)) await writer.flush();
  }
  await writer.flush();
  return { rows: codes.size, changed: writer.changed };
}
