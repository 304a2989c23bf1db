/**
 * Forecast CLI.
 *
 *   npm run --silent forecast -- --history FILE --horizon N --out FILE [--events FILE] [--quantiles 0.1,0.5,0.9] [--products FILE]
 *                               [--global-model]
 *
 * --history  CSV `date,location,sku,units[,on_promo]`, ISO dates; a day missing inside a series' span is 0 units.
 * --events   CSV `date,location,sku,on_promo` of known future promotions.
 * --products CSV `location,sku[,category,price,reference_sku,reference_factor]`: what new products (fewer than 8
 *            weeks of sales, or none yet — a listed product without history rows is forecast too) borrow from:
 *            the reference SKU at the same location × factor (default 1), else like items of the same location,
 *            category and price band. Adds a last output column `based_on` ("based on SKU … ×0.8").
 * --pool-by-category  pool the weekday, yearly, day-of-month and promotion effects per location × category (plan runs
 *            pool per category too) for the series --products gives a category; the others stay pooled per location.
 *            Without it effects are pooled per location. Needs --products.
 * --global-model  add the panel's global level model (learnt across series and locations) to the forecast; see
 *            lib/engine/forecast/README.md.
 * --out      CSV `location,sku,date,mean,p10,p50,p90[,pNN…],method[,based_on]`, one row per series per horizon day
 *            from the day after the last history date, series sorted by location then sku.
 *
 * Files are streamed line by line; location and sku strings are interned and units kept in typed arrays, so
 * 100k series fit in memory. Bad input stops with the line, column and value on stderr, exit code 1, and no
 * output file (the result is written to a temporary file and renamed only on success).
 */
import { createReadStream, createWriteStream, renameSync, rmSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { forecastPanelParallel, resolveQuantiles } from "../lib/engine/forecast/forecast-panel";
import type { ForecastReference } from "../lib/engine/forecast/borrow-from-like-items";
import { isoDay, parseCalendarDay } from "../lib/engine/calendar";
import type { DayNumber, DemandSeries, ProductAttributes } from "../lib/engine/types";

class InputError extends Error {}

function fail(file: string, line: number, column: string, value: string, problem: string): never {
  throw new InputError(`${path.basename(file)}: line ${line}, column ${column}: ${problem} (value: ${JSON.stringify(value)})`);
}

const dateCache = new Map<string, DayNumber>();
/** Strict YYYY-MM-DD to a day number, or NaN; cached because a file repeats few distinct dates. */
function parseIsoDay(text: string): DayNumber {
  const cached = dateCache.get(text);
  if (cached !== undefined) return cached;
  const day = parseCalendarDay(text)?.dayNumber ?? NaN;
  if (dateCache.size < 100_000) dateCache.set(text, day);
  return day;
}

/** Splits one CSV line into fields, honouring double quotes; the fast path has no quote at all. */
function splitCsvLine(line: string, fields: string[]): number {
  if (!line.includes('"')) {
    let count = 0;
    let start = 0;
    for (;;) {
      const comma = line.indexOf(",", start);
      fields[count++] = comma < 0 ? line.slice(start) : line.slice(start, comma);
      if (comma < 0) return count;
      start = comma + 1;
    }
  }
  let count = 0;
  let current = "";
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const char = line[i]!;
    if (quoted) {
      if (char === '"' && line[i + 1] === '"') { current += '"'; i++; }
      else if (char === '"') quoted = false;
      else current += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") { fields[count++] = current; current = ""; }
    else current += char;
  }
  fields[count++] = current;
  return count;
}

/** Streams a CSV file and calls `onRow` with the fields and 1-based line number of each non-empty data line. */
async function readCsv(file: string, required: string[], optional: string[], onRow: (fields: string[], line: number, columns: Map<string, number>) => void) {
  const stream = createReadStream(file, { encoding: "utf8", highWaterMark: 1 << 20 });
  let pending = "";
  let lineNumber = 0;
  let columns: Map<string, number> | undefined;
  const fields: string[] = [];
  const handle = (raw: string) => {
    lineNumber++;
    const line = raw.endsWith("\r") ? raw.slice(0, -1) : raw;
    if (!columns) {
      const names = line.replace(/^\uFEFF/, "").split(",").map((name) => name.trim().toLowerCase().replace(/^"|"$/g, ""));
      columns = new Map(names.map((name, index) => [name, index]));
      for (const name of required) if (!columns.has(name)) fail(file, 1, name, line, `missing column "${name}" in header (expected ${[...required, ...optional].join(",")})`);
      return;
    }
    if (line.trim() === "") return;
    const count = splitCsvLine(line, fields);
    if (count !== columns.size) fail(file, lineNumber, String(count), line, `expected ${columns.size} fields, found ${count}`);
    onRow(fields, lineNumber, columns);
  };
  try {
    for await (const chunk of stream as AsyncIterable<string>) {
      let start = 0;
      const text = pending + chunk;
      for (;;) {
        const newline = text.indexOf("\n", start);
        if (newline < 0) break;
        handle(text.slice(start, newline));
        start = newline + 1;
      }
      pending = text.slice(start);
    }
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`cannot read ${file}: ${(error as Error).message}`);
  }
  if (pending.length > 0) handle(pending);
  if (!columns) throw new InputError(`${path.basename(file)}: line 1: empty file, expected a header`);
}

/** One location × SKU being read: units on a dense day grid that grows as rows arrive (NaN = no row yet). */
interface SeriesBuilder {
  location: string;
  sku: string;
  baseDay: DayNumber;
  firstDay: DayNumber;
  lastDay: DayNumber;
  units: Float64Array;
  promo: Uint8Array;
}

function placeDay(builder: SeriesBuilder, day: DayNumber): number {
  if (day >= builder.baseDay && day < builder.baseDay + builder.units.length) return day - builder.baseDay;
  const newBase = Math.min(builder.baseDay, day);
  const newEnd = Math.max(builder.baseDay + builder.units.length, day + 1);
  const capacity = Math.max(newEnd - newBase, Math.min(2 * builder.units.length, 4096));
  // Leave room on the side that grew, so rows arriving in date order rarely reallocate.
  const base = day < builder.baseDay ? newEnd - capacity : newBase;
  const units = new Float64Array(capacity).fill(NaN);
  const promo = new Uint8Array(capacity);
  units.set(builder.units, builder.baseDay - base);
  promo.set(builder.promo, builder.baseDay - base);
  builder.units = units;
  builder.promo = promo;
  builder.baseDay = base;
  return day - base;
}

function parseFlag(text: string, file: string, line: number, column: string): 0 | 1 {
  const value = text.trim();
  if (value === "1" || value.toLowerCase() === "true") return 1;
  if (value === "0" || value === "" || value.toLowerCase() === "false") return 0;
  return fail(file, line, column, text, "expected 0 or 1");
}

function quantileColumn(level: number): string {
  return `p${Number((level * 100).toFixed(4))}`;
}

function csvField(text: string): string {
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function formatNumber(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(4)));
}

async function main() {
  const { values } = parseArgs({
    options: {
      history: { type: "string" },
      horizon: { type: "string" },
      out: { type: "string" },
      events: { type: "string" },
      quantiles: { type: "string" },
      products: { type: "string" },
      "global-model": { type: "boolean", default: false },
      "pool-by-category": { type: "boolean", default: false },
    },
    strict: true,
  });
  if (!values.history || !values.horizon || !values.out) {
    throw new InputError("usage: forecast --history FILE --horizon N --out FILE [--events FILE] [--quantiles 0.1,0.5,0.9] [--products FILE] [--pool-by-category] [--global-model]");
  }
  if (values["pool-by-category"] && !values.products) throw new InputError("--pool-by-category: needs --products FILE with a category column");
  const horizon = Number(values.horizon);
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > 3660) throw new InputError(`--horizon: expected a whole number of days from 1 to 3660 (value: ${JSON.stringify(values.horizon)})`);
  const requested = values.quantiles?.split(",").map((text) => {
    const level = Number(text.trim());
    if (!(level > 0 && level < 1)) throw new InputError(`--quantiles: each level must be strictly between 0 and 1 (value: ${JSON.stringify(text)})`);
    return level;
  });
  const levels = resolveQuantiles(requested);
  const historyFile = values.history;

  const builders: SeriesBuilder[] = [];
  const index = new Map<string, number>();
  const interned = new Map<string, string>();
  const intern = (text: string) => {
    const known = interned.get(text);
    if (known !== undefined) return known;
    // A fresh copy: a slice of the line would keep the whole megabyte read chunk it came from alive.
    const copy = Buffer.from(text, "utf8").toString("utf8");
    interned.set(copy, copy);
    return copy;
  };
  let globalLastDay = -Infinity;
  let previousLocation = "";
  let previousSku = "";
  let previousPosition: number | undefined;
  // New series start with the grid size earlier series needed, so 100k series do not each regrow from scratch.
  let typicalCapacity = 64;
  await readCsv(historyFile, ["date", "location", "sku", "units"], ["on_promo"], (fields, line, columns) => {
    const dateText = fields[columns.get("date")!]!;
    const day = parseIsoDay(dateText.trim());
    if (Number.isNaN(day)) fail(historyFile, line, "date", dateText, "expected an ISO date YYYY-MM-DD");
    const location = fields[columns.get("location")!]!.trim();
    const sku = fields[columns.get("sku")!]!.trim();
    if (location === "") fail(historyFile, line, "location", location, "empty location");
    if (sku === "") fail(historyFile, line, "sku", sku, "empty sku");
    const unitsText = fields[columns.get("units")!]!;
    const units = unitsText.trim() === "" ? NaN : Number(unitsText);
    if (!Number.isFinite(units) || units < 0) fail(historyFile, line, "units", unitsText, "expected a non-negative number");
    const promoColumn = columns.get("on_promo");
    const promo = promoColumn === undefined ? 0 : parseFlag(fields[promoColumn]!, historyFile, line, "on_promo");
    // Files are usually grouped by series: skip the key lookup while the series does not change.
    let position = location === previousLocation && sku === previousSku ? previousPosition : index.get(`${location}\u0000${sku}`);
    if (position === undefined) {
      position = builders.length;
      const builder: SeriesBuilder = {
        location: intern(location),
        sku: intern(sku),
        baseDay: day,
        firstDay: day,
        lastDay: day,
        units: new Float64Array(typicalCapacity).fill(NaN),
        promo: new Uint8Array(typicalCapacity),
      };
      builders.push(builder);
      // The key is built from the interned copies: built from the line, it would pin the read chunk.
      index.set(`${builder.location}\u0000${builder.sku}`, position);
    }
    previousLocation = location;
    previousSku = sku;
    previousPosition = position;
    const builder = builders[position]!;
    const slot = placeDay(builder, day);
    typicalCapacity = Math.max(typicalCapacity, builder.units.length);
    if (!Number.isNaN(builder.units[slot]!)) fail(historyFile, line, "date", dateText, `duplicate row for location ${location}, sku ${sku}`);
    builder.units[slot] = units;
    builder.promo[slot] = promo;
    builder.firstDay = Math.min(builder.firstDay, day);
    builder.lastDay = Math.max(builder.lastDay, day);
    globalLastDay = Math.max(globalLastDay, day);
  });

  if (builders.length === 0) throw new InputError(`${path.basename(historyFile)}: no data rows after the header`);

  // Product attributes and planner references; a listed product without history is a series with no sale yet.
  const products = new Map<number, ProductAttributes>();
  const referenceRows: Array<{ position: number; sku: string; factor: number; line: number; text: string }> = [];
  if (values.products) {
    const productsFile = values.products;
    await readCsv(productsFile, ["location", "sku"], ["category", "price", "reference_sku", "reference_factor"], (fields, line, columns) => {
      const location = fields[columns.get("location")!]!.trim();
      const sku = fields[columns.get("sku")!]!.trim();
      if (location === "") fail(productsFile, line, "location", location, "empty location");
      if (sku === "") fail(productsFile, line, "sku", sku, "empty sku");
      const field = (name: string) => (columns.has(name) ? fields[columns.get(name)!]!.trim() : "");
      const priceText = field("price");
      const price = priceText === "" ? undefined : Number(priceText);
      if (price !== undefined && !(Number.isFinite(price) && price >= 0)) fail(productsFile, line, "price", priceText, "expected a non-negative number");
      const factorText = field("reference_factor");
      const factor = factorText === "" ? 1 : Number(factorText);
      if (!(Number.isFinite(factor) && factor > 0)) fail(productsFile, line, "reference_factor", factorText, "expected a positive number");
      const key = `${location}\u0000${sku}`;
      let position = index.get(key);
      if (position === undefined) {
        position = builders.length;
        const builder: SeriesBuilder = { location: intern(location), sku: intern(sku), baseDay: globalLastDay, firstDay: globalLastDay, lastDay: globalLastDay, units: new Float64Array(1), promo: new Uint8Array(1) };
        builders.push(builder);
        index.set(`${builder.location}\u0000${builder.sku}`, position);
      }
      if (products.has(position)) fail(productsFile, line, "sku", sku, `duplicate row for location ${location}, sku ${sku}`);
      const category = field("category");
      products.set(position, { sku, ...(category ? { category } : {}), ...(price !== undefined ? { price } : {}) });
      const referenceSku = field("reference_sku");
      if (referenceSku !== "") referenceRows.push({ position, sku: referenceSku, factor, line, text: referenceSku });
      else if (factorText !== "") fail(productsFile, line, "reference_factor", factorText, "a factor needs a reference_sku");
    });
    for (const row of referenceRows) {
      const location = builders[row.position]!.location;
      if (!index.has(`${location}\u0000${row.sku}`)) fail(productsFile, row.line, "reference_sku", row.text, `no sku ${row.sku} at location ${location}`);
    }
  }
  const references = new Map<string, ForecastReference>();
  for (const row of referenceRows) {
    const location = builders[row.position]!.location;
    references.set(String(row.position), { referenceId: String(index.get(`${location}\u0000${row.sku}`)), factor: row.factor });
  }

  const futurePromo = new Map<string, Uint8Array>();
  if (values.events) {
    const eventsFile = values.events;
    await readCsv(eventsFile, ["date", "location", "sku", "on_promo"], [], (fields, line, columns) => {
      const dateText = fields[columns.get("date")!]!;
      const day = parseIsoDay(dateText.trim());
      if (Number.isNaN(day)) fail(eventsFile, line, "date", dateText, "expected an ISO date YYYY-MM-DD");
      const promo = parseFlag(fields[columns.get("on_promo")!]!, eventsFile, line, "on_promo");
      const key = `${fields[columns.get("location")!]!.trim()}\u0000${fields[columns.get("sku")!]!.trim()}`;
      const position = index.get(key);
      const offset = day - globalLastDay - 1;
      if (position === undefined || offset < 0 || offset >= horizon || promo === 0) return;
      let flags = futurePromo.get(String(position));
      if (!flags) { flags = new Uint8Array(horizon); futurePromo.set(String(position), flags); }
      flags[offset] = 1;
    });
  }

  // Sort by location then sku (code-unit order, independent of locale) and build the engine's series.
  const order = builders.map((_, i) => i).sort((a, b) => {
    const x = builders[a]!;
    const y = builders[b]!;
    if (x.location !== y.location) return x.location < y.location ? -1 : 1;
    return x.sku < y.sku ? -1 : x.sku > y.sku ? 1 : 0;
  });
  const series: DemandSeries[] = order.map((position) => {
    const builder = builders[position]!;
    // The series runs from its first row to the last date of the whole file; days without a row sold nothing.
    const length = globalLastDay - builder.firstDay + 1;
    const from = builder.firstDay - builder.baseDay;
    for (let t = from; t < builder.units.length; t++) if (Number.isNaN(builder.units[t]!)) builder.units[t] = 0;
    // Usually the grid already covers the span: hand the engine a view instead of a second copy.
    const covered = from + length <= builder.units.length;
    const units = covered ? builder.units.subarray(from, from + length) : new Float64Array(length);
    const onPromo = covered ? builder.promo.subarray(from, from + length) : new Uint8Array(length);
    if (!covered) {
      units.set(builder.units.subarray(from));
      onPromo.set(builder.promo.subarray(from));
    }
    // Every series knows its SKU: a new product's "based on SKU …" names its reference even when only the new product is listed.
    const product = products.get(position) ?? { sku: builder.sku };
    // Pool weekday, yearly and promotion effects per location (the only grouping a history file carries), or per
    // location × category when asked and products.csv gives the series a category.
    const group = values["pool-by-category"] && product.category !== undefined ? `${builder.location}|${product.category}` : builder.location;
    return { id: String(position), firstDay: builder.firstDay, units, onPromo, group, product };
  });

  const forecasts = await forecastPanelParallel(series, { horizon, quantiles: levels, futurePromo, references, likeItemsForUnsold: true, globalModel: values["global-model"] });

  const temporary = `${values.out}.tmp-${process.pid}`;
  const out = createWriteStream(temporary, { encoding: "utf8" });
  const extraLevels = levels.filter((level) => level !== 0.1 && level !== 0.5 && level !== 0.9);
  const withBasedOn = values.products !== undefined;
  const columnsOut = ["location", "sku", "date", "mean", "p10", "p50", "p90", ...extraLevels.map(quantileColumn), "method", ...(withBasedOn ? ["based_on"] : [])];
  const write = (text: string) => (out.write(text) ? Promise.resolve() : new Promise<void>((resolve) => out.once("drain", () => resolve())));
  try {
    await write(`${columnsOut.join(",")}\n`);
    const dates = Array.from({ length: horizon }, (_, h) => isoDay(globalLastDay + 1 + h));
    for (let i = 0; i < forecasts.length; i++) {
      const forecast = forecasts[i]!;
      const builder = builders[order[i]!]!;
      const byLevel = new Map(forecast.quantiles.map((q) => [q.level, q.values]));
      const ordered = [0.1, 0.5, 0.9, ...extraLevels].map((level) => byLevel.get(level)!);
      const prefix = `${csvField(builder.location)},${csvField(builder.sku)},`;
      const method = withBasedOn ? `${csvField(forecast.method)},${csvField(forecast.basedOn?.text ?? "")}` : csvField(forecast.method);
      let chunk = "";
      for (let h = 0; h < horizon; h++) {
        chunk += `${prefix}${dates[h]},${formatNumber(forecast.mean[h]!)}`;
        for (const values of ordered) chunk += `,${formatNumber(values[h]!)}`;
        chunk += `,${method}\n`;
      }
      await write(chunk);
    }
    await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())));
    renameSync(temporary, values.out);
  } catch (error) {
    out.destroy();
    rmSync(temporary, { force: true });
    throw error;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`forecast: ${error instanceof InputError ? error.message : error instanceof Error ? error.stack ?? error.message : String(error)}\n`);
  process.exit(1);
});
