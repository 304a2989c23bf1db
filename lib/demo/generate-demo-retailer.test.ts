import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { PLANTED } from "./demo-scenarios";
import { generateDemoRetailer } from "./generate-demo-retailer";
import { MS_PER_DAY } from "../engine/calendar";

const END_DATE = "2025-06-30";
const options = { size: "small", seed: 42, endDate: END_DATE } as const;
let dir = "";

function rows(name: string): Record<string, string>[] {
  const [header, ...lines] = readFileSync(path.join(dir, `${name}.csv`), "utf8").trim().split("\n");
  const columns = header!.split(",");
  return lines.map((line) => Object.fromEntries(line.split(",").map((cell, i) => [columns[i]!, cell])));
}

function fileHashes(folder: string) {
  return Object.fromEntries(
    readdirSync(folder).map((name) => [name, createHash("sha256").update(readFileSync(path.join(folder, name))).digest("hex")]),
  );
}

const daysBefore = (days: number) => new Date(Date.parse(END_DATE) - days * MS_PER_DAY).toISOString().slice(0, 10);
const sum = (list: Record<string, string>[], column: string) => list.reduce((total, row) => total + Number(row[column]), 0);

describe("generateDemoRetailer (small)", () => {
  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), "demo-a-"));
    await generateDemoRetailer({ ...options, outDir: dir });
  });

  it("is deterministic: the same seed gives byte-identical files, another seed does not", async () => {
    const again = mkdtempSync(path.join(tmpdir(), "demo-b-"));
    await generateDemoRetailer({ ...options, outDir: again });
    expect(fileHashes(again)).toEqual(fileHashes(dir));
    const other = mkdtempSync(path.join(tmpdir(), "demo-c-"));
    await generateDemoRetailer({ ...options, seed: 43, outDir: other });
    expect(fileHashes(other)["sales.csv"]).not.toBe(fileHashes(dir)["sales.csv"]);
  });

  it("writes customer returns: online about a fifth of units sold, stores about a twentieth, never before a sale", () => {
    const ecom = new Set(rows("locations").filter((l) => l.type === "ECOM").map((l) => l.code));
    const sales = rows("sales");
    const returns = rows("returns");
    expect(returns.length).toBeGreaterThan(100);
    const share = (online: boolean) =>
      sum(returns.filter((r) => ecom.has(r.location!) === online), "units") / sum(sales.filter((s) => ecom.has(s.location!) === online), "units");
    expect(share(true)).toBeGreaterThan(0.15);
    expect(share(true)).toBeLessThan(0.25);
    expect(share(false)).toBeGreaterThan(0.03);
    expect(share(false)).toBeLessThan(0.07);
    const firstSale = new Map<string, string>();
    for (const s of sales) if (Number(s.units) > 0 && !firstSale.has(`${s.location}|${s.sku}`)) firstSale.set(`${s.location}|${s.sku}`, s.date!);
    expect(returns.every((r) => r.date! > (firstSale.get(`${r.location}|${r.sku}`) ?? "9999") && r.date! < END_DATE)).toBe(true);
  });

  it("builds the small network and ends sales the day before the end date", () => {
    const locations = rows("locations");
    expect(locations.filter((l) => l.type === "DC")).toHaveLength(1);
    expect(locations.filter((l) => l.type === "ECOM")).toHaveLength(1);
    expect(locations.filter((l) => l.type === "STORE")).toHaveLength(12);
    expect(rows("products")).toHaveLength(120);
    const dates = rows("sales").map((s) => s.date!);
    expect(dates.at(-1)).toBe(daysBefore(1));
    expect(dates[0]).toBe(daysBefore(400));
    // The end date's snapshot and eleven weekly ones before it (the stock history), each of every stocked series.
    const inventory = rows("inventory");
    const asOfDates = [...new Set(inventory.map((i) => i.as_of!))];
    expect(asOfDates.sort()).toEqual([...Array.from({ length: 11 }, (_, k) => daysBefore(7 * (11 - k))), END_DATE]);
    const series = (asOf: string) => new Set(inventory.filter((i) => i.as_of === asOf).map((i) => `${i.location}|${i.sku}`));
    expect(series(daysBefore(7))).toEqual(series(END_DATE));
  });

  it("plants the promotion spike: urban North stores well above plan, online +28 %", () => {
    const skincare = new Set(rows("products").filter((p) => p.category === PLANTED.promoSpike.category).map((p) => p.sku));
    const urban = new Set(rows("locations").filter((l) => l.cluster === "urban" && l.region === "North").map((l) => l.code));
    const sales = rows("sales").filter((s) => skincare.has(s.sku!));
    const window = (from: number, to: number, where: (s: Record<string, string>) => boolean) =>
      sum(sales.filter((s) => s.date! >= daysBefore(from) && s.date! < daysBefore(to) && where(s)), "units") / (from - to);
    const urbanLift = window(10, 0, (s) => urban.has(s.location!)) / window(45, 17, (s) => urban.has(s.location!));
    expect(urbanLift).toBeGreaterThan(1.35);
    expect(sales.filter((s) => s.date! >= daysBefore(10)).every((s) => s.on_promo === "1")).toBe(true);
    expect(rows("promotions").map((p) => p.code)).toEqual(
      expect.arrayContaining([PLANTED.promoSpike.regionPromoCode, PLANTED.promoSpike.onlinePromoCode, PLANTED.upcomingPromo.code]),
    );
  });

  it("plants direct deliveries to the demo store manager's stores, the latest still open and due within a week", () => {
    const toStores = rows("purchase_orders").filter((po) => (PLANTED.storeDelivery.locations as readonly string[]).includes(po.destination!));
    expect(new Set(toStores.map((po) => po.destination))).toEqual(new Set(PLANTED.storeDelivery.locations));
    expect(toStores.every((po) => po.supplier === PLANTED.storeDelivery.supplier)).toBe(true);
    const open = toStores.filter((po) => po.status === "OPEN");
    expect(open.length).toBeGreaterThan(0);
    const inAWeek = new Date(Date.parse(END_DATE) + 7 * MS_PER_DAY).toISOString().slice(0, 10);
    for (const store of PLANTED.storeDelivery.locations) {
      expect(open.some((po) => po.destination === store && po.promised_at! >= END_DATE && po.promised_at! <= inAWeek)).toBe(true);
    }
  });

  it("plants a store-to-store transfer: the delayed supplier's best margin earner is gone at the DC, piled up at S003 and sold out at S002", () => {
    const lateral = PLANTED.lateralTransfer;
    const skus = new Set(rows("products").filter((p) => p.supplier === lateral.supplier).map((p) => p.sku));
    const stock = rows("inventory").filter((i) => i.as_of === END_DATE && skus.has(i.sku!));
    const dcEmpty = stock.filter((i) => i.location!.startsWith("DC") && i.on_hand === "0").map((i) => i.sku);
    expect(dcEmpty).toHaveLength(1);
    const onHand = (location: string) => Number(stock.find((i) => i.location === location && i.sku === dcEmpty[0])!.on_hand);
    const recent = rows("sales").filter((s) => s.sku === dcEmpty[0] && s.location === lateral.from && s.date! >= daysBefore(28));
    expect(onHand(lateral.from) / (sum(recent, "units") / 4)).toBeGreaterThan(4);
    expect(onHand(lateral.from)).toBeGreaterThan(5 * onHand(lateral.to));
  });

  it("plants the supplier slipping from ~7 to ~11 days with one open PO already late", () => {
    const lines = rows("purchase_orders").filter((po) => po.supplier === PLANTED.supplierDelay.supplier && po.line_no === "1");
    const leadTime = (po: Record<string, string>) => (Date.parse(po.received_at!) - Date.parse(po.ordered_at!)) / MS_PER_DAY;
    const received = lines.filter((po) => po.received_at !== "");
    const early = received.filter((po) => po.ordered_at! < daysBefore(120));
    const recent = received.filter((po) => po.received_at! >= daysBefore(14));
    expect(early.reduce((t, po) => t + leadTime(po), 0) / early.length).toBeCloseTo(7, 0);
    expect(Math.max(...recent.map(leadTime))).toBeGreaterThanOrEqual(10);
    const late = lines.filter((po) => po.status === "OPEN" && po.promised_at! < END_DATE);
    expect(late.map((po) => po.destination)).toEqual(["DC01"]);
    expect(rows("purchase_orders").some((po) => po.status === "OPEN" && po.promised_at! > END_DATE)).toBe(true);
  });

  it("plants phantom stock, a negative on-hand, suburban overstock, slow movers and stock-outs", () => {
    const inventory = rows("inventory").filter((i) => i.as_of === END_DATE);
    const onHand = (location: string, sku: string) => Number(inventory.find((i) => i.location === location && i.sku === sku)!.on_hand);
    const sales = rows("sales");
    const phantom = sales.filter((s) => s.location === PLANTED.phantom.location && s.sku === PLANTED.phantom.sku && s.units !== "0");
    expect(phantom.length).toBeGreaterThan(150);
    expect(phantom.every((s) => s.date! < daysBefore(PLANTED.phantom.silentDays))).toBe(true);
    expect(onHand(PLANTED.phantom.location, PLANTED.phantom.sku)).toBe(PLANTED.phantom.phantomOnHand);
    expect(onHand(PLANTED.negativeOnHand.location, PLANTED.negativeOnHand.sku)).toBe(-3);

    const cookware = new Set(rows("products").filter((p) => p.category === PLANTED.overstock.category).map((p) => p.sku));
    const suburban = new Set(rows("locations").filter((l) => l.cluster === "suburban").map((l) => l.code));
    const recent = sales.filter((s) => s.date! >= daysBefore(28) && cookware.has(s.sku!) && suburban.has(s.location!));
    const stock = inventory.filter((i) => cookware.has(i.sku!) && suburban.has(i.location!));
    expect(sum(stock, "on_hand") / (sum(recent, "units") / 4)).toBeGreaterThan(10);

    const slowDays = sales.filter((s) => s.sku === "SKU0005" && s.location === "S001" && s.units !== "0").length;
    expect(slowDays).toBeLessThan(80);
    expect(sales.filter((s) => s.stockout === "1").length).toBeGreaterThan(100);
  });
});

describe("the small demo imports cleanly", () => {
  it("imports every generated file in one batch", async () => {
    const { createReadStream, existsSync } = await import("node:fs");
    const { importBatch, IMPORT_FILE_KINDS } = await import("../server/imports/import-batch");
    const { db } = await import("../server/db");
    const folder = mkdtempSync(path.join(tmpdir(), "demo-import-"));
    const generated = await generateDemoRetailer({ ...options, outDir: folder });
    const result = await importBatch(db, {
      files: IMPORT_FILE_KINDS.filter((kind) => existsSync(path.join(folder, `${kind}.csv`))).map((kind) => ({
        kind,
        fileName: `${kind}.csv`,
        open: () => createReadStream(path.join(folder, `${kind}.csv`)),
      })),
      actor: { id: null, role: "admin", scopes: [] } as const,
      source: "cli",
    });
    expect(result).toMatchObject({ status: "succeeded", rows: generated });
  }, 120_000); // ~15 s alone; the default 30 s ran out with five engineers testing on two cores
});
