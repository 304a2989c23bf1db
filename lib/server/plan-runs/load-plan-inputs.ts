import "server-only";
import { createHash } from "node:crypto";
import type { Db } from "../db";
import { RETURNS_HISTORY_DAYS } from "../../engine/forecast/forecast-returns";
import type { NetworkLocation, PlanSnapshot, PromotionRecord, PurchaseOrderLine, ReturnRecord } from "../../engine/plan/plan-types";
import type { DayNumber, DemandSeries } from "../../engine/types";
import { getActivePolicy } from "../governance/get-active-policy";
import { AppError } from "../app-error";
import { fromDayNumber, toDayNumber } from "../../engine/calendar";
import { openSalesHistoryReader, readLatestOnHand, type SalesFilter } from "./read-sales-history";
import type { TPlanRunScope } from "../../contracts/plan-runs";

/** History the forecaster gets: two years, enough for the pooled yearly season it estimates. */
const HISTORY_DAYS = 730;
/** A series with stock but no sales in the window still gets a short zero history, so excess and phantom stock are seen. */
const MIN_HISTORY_DAYS = 28;
/** Promotions that ended this long ago no longer matter to any detector. */
const PROMOTION_LOOKBACK_DAYS = 60;
const OPEN_PO_STATUSES = ["OPEN", "PARTIAL"];

const LOCATION_TYPES: Record<string, NetworkLocation["type"]> = { STORE: "store", DC: "dc", ECOM: "ecommerce" };

export interface LocationRef {
  id: number;
  code: string;
  region: string;
}
export interface ProductRef {
  id: number;
  sku: string;
  category: string;
  supplierId: number;
  unitCost: number;
  unitPrice: number;
}

/**
 * A forecast override in engine days — a planner's own, or an approved "adjust forecast"
 * recommendation's (apply-approved-forecast-changes.ts) — applied to the forecast before policy
 * and projection. Both kinds follow one rule: on each day the newest override covering it wins.
 */
export interface SeriesOverride {
  firstDay: DayNumber;
  lastDay: DayNumber;
  dailyUnits: number;
}

export interface PlanInputs {
  snapshot: PlanSnapshot;
  /** PlanRun.asOf: the business day planned for, the day after the last sales date. */
  planDate: Date;
  inputHash: string;
  policyVersion: number;
  /** The active approval policy's value bar: the engine leaves out excess that no action would be asked about. */
  minDecisionValue: number;
  locationsByCode: Map<string, LocationRef>;
  productsBySku: Map<string, ProductRef>;
  /** Active forecast overrides per series id (`${locationCode}|${sku}`), newest first (by when they were made or approved). */
  overrides: Map<string, SeriesOverride[]>;
  scope: TPlanRunScope | null;
}

const seriesId = (locationCode: string, sku: string) => `${locationCode}|${sku}`;

/**
 * Reads the snapshot a plan run works on — sales history, latest stock, open PO lines, promotions,
 * supplier lead-time history, the previous run's forecasts, forecast overrides — and hashes it with
 * the policy version, so a run's numbers can be traced to exactly the data that produced them.
 * A scoped run reads only its product's (or its one series') sales, stock, POs and overrides; a
 * shard of a whole-network run (`shardProductIds`) only its products'.
 */
export async function loadPlanInputs(db: Db, scope: TPlanRunScope | null, shardProductIds?: readonly number[]): Promise<PlanInputs> {
  // Sales dated after today (a stray 2099 row stored before imports refused them) never move the plan's date.
  const today = fromDayNumber(toDayNumber(new Date()));
  const latestSale = await db.salesDaily.findFirst({ where: { date: { lte: today } }, orderBy: { date: "desc" }, select: { date: true } });
  if (!latestSale) throw new AppError("CONFLICT", "There is no sales data to plan from yet. Import sales first.");
  const asOf = toDayNumber(latestSale.date);
  const historyStart = asOf - HISTORY_DAYS + 1;
  const seriesWhere = scope
    ? { productId: scope.productId, ...(scope.locationId === undefined ? {} : { locationId: scope.locationId }) }
    : shardProductIds
      ? { productId: { in: [...shardProductIds] } }
      : {};

  const [locations, products, suppliers, policy] = await Promise.all([
    db.location.findMany({ orderBy: { code: "asc" } }),
    db.product.findMany({ orderBy: { sku: "asc" }, include: { supplier: { select: { code: true } } } }),
    db.supplier.findMany({ orderBy: { code: "asc" } }),
    getActivePolicy(db),
  ]);
  const locationById = new Map(locations.map((l) => [l.id, l]));
  const productById = new Map(products.map((p) => [p.id, p]));
  const supplierById = new Map(suppliers.map((s) => [s.id, s]));

  const seriesFilter = scope ?? (shardProductIds ? { productIds: shardProductIds } : null);
  const [positions, counts, openLines, firstReceipts, receivedOrderRows, promotions, overrides, returnRows] = await Promise.all([
    readLatestOnHand(seriesFilter, asOf + 1),
    // The newest physical count per series (an inventory_count event, a store's cycle count): phantom-stock evidence starts after it.
    db.eventClock.findMany({ where: { entityType: "inventory_count" }, select: { entityKey: true, occurredAt: true } }),
    db.purchaseOrderLine.findMany({
      where: {
        purchaseOrder: { status: { in: OPEN_PO_STATUSES }, ...(scope?.locationId === undefined ? {} : { destinationLocationId: scope.locationId }) },
        ...(scope ? { productId: scope.productId } : shardProductIds ? { productId: { in: [...shardProductIds] } } : {}),
      },
      include: { purchaseOrder: true },
      orderBy: [{ purchaseOrderId: "asc" }, { lineNo: "asc" }],
    }),
    // Lead-time history needs each received PO's first receipt only: grouped in the database, one row
    // per PO instead of every received line (1.2 M on the large demo, read again by every shard).
    db.purchaseOrderLine.groupBy({ by: ["purchaseOrderId"], where: { receivedAt: { not: null } }, _min: { receivedAt: true }, orderBy: { purchaseOrderId: "asc" } }),
    db.purchaseOrder.findMany({ where: { lines: { some: { receivedAt: { not: null } } } }, select: { id: true, supplierId: true, orderedAt: true } }),
    db.promotion.findMany({ where: { endDate: { gte: fromDayNumber(asOf - PROMOTION_LOOKBACK_DAYS) } }, orderBy: { code: "asc" } }),
    db.forecastOverride.findMany({
      where: { ...seriesWhere, endDate: { gte: fromDayNumber(asOf + 1) } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    }),
    db.returnDaily.findMany({
      where: { ...seriesWhere, date: { gte: fromDayNumber(asOf - RETURNS_HISTORY_DAYS + 1), lte: fromDayNumber(asOf) } },
      orderBy: [{ locationId: "asc" }, { productId: "asc" }, { date: "asc" }],
    }),
  ]);

  const keyOf = (locationId: number, productId: number) => {
    const location = locationById.get(locationId);
    const product = productById.get(productId);
    return location && product ? seriesId(location.code, product.sku) : null;
  };
  const latestStock = new Map<string, number>();
  for (const [locationId, productId, onHand] of positions) {
    const key = keyOf(locationId, productId);
    if (key) latestStock.set(key, onHand);
  }
  const lastCountDay = new Map<string, number>();
  for (const count of counts) {
    const [locationId, productId] = count.entityKey.split("|").map(Number) as [number, number];
    const key = keyOf(locationId, productId);
    if (key) lastCountDay.set(key, toDayNumber(count.occurredAt));
  }
  const stockedPairs = positions.map(([locationId, productId]) => [locationId, productId] as const);
  const demand = await readDemandSeries(seriesFilter, { historyStart, asOf, keyOf, stockedPairs, locationById, productById });

  const purchaseOrders: PurchaseOrderLine[] = openLines.flatMap((line) => {
    const quantity = line.qtyOrdered - line.qtyReceived;
    const location = locationById.get(line.purchaseOrder.destinationLocationId);
    const product = productById.get(line.productId);
    const supplier = supplierById.get(line.purchaseOrder.supplierId);
    if (quantity <= 0 || !location || !product || !supplier) return [];
    return [
      {
        purchaseOrderId: line.purchaseOrder.poNumber,
        supplierId: supplier.code,
        locationId: location.code,
        sku: product.sku,
        quantity,
        orderDay: toDayNumber(line.purchaseOrder.orderedAt),
        promisedDay: toDayNumber(line.purchaseOrder.promisedAt),
      },
    ];
  });

  // Lead-time history: one observation per received PO (its first receipt), in PO id order.
  const receivedOrders = new Map(receivedOrderRows.map((order) => [order.id, order]));
  const historyBySupplier = new Map<number, { orderDay: DayNumber; receivedDay: DayNumber }[]>();
  for (const receipt of firstReceipts) {
    const order = receivedOrders.get(receipt.purchaseOrderId);
    if (!order) continue;
    const list = historyBySupplier.get(order.supplierId) ?? [];
    list.push({ orderDay: toDayNumber(order.orderedAt), receivedDay: toDayNumber(receipt._min.receivedAt!) });
    historyBySupplier.set(order.supplierId, list);
  }

  // Promotions target a SKU or a category, and a location or a region: expand to SKU × locations.
  const promotionRecords: PromotionRecord[] = promotions.flatMap((promotion) => {
    const skus = promotion.sku ? [promotion.sku] : products.filter((p) => p.category === promotion.category).map((p) => p.sku);
    const locationCodes = promotion.locationCode
      ? [promotion.locationCode]
      : locations.filter((l) => l.region === promotion.region && l.type !== "DC").map((l) => l.code);
    return skus.flatMap((sku) => {
      const targets = locationCodes.filter((code) => demand.has(seriesId(code, sku)));
      if (targets.length === 0) return [];
      return [
        {
          id: promotion.sku ? promotion.code : `${promotion.code}:${sku}`,
          name: promotion.name,
          sku,
          locationIds: targets,
          startDay: toDayNumber(promotion.startDate),
          endDay: toDayNumber(promotion.endDate),
          expectedUplift: promotion.expectedUplift,
        },
      ];
    });
  });

  const returns: ReturnRecord[] = returnRows.flatMap((row) => {
    const key = keyOf(row.locationId, row.productId);
    if (!key || !demand.has(key)) return [];
    const [locationId, sku] = key.split("|") as [string, string];
    return [{ locationId, sku, day: toDayNumber(row.date), units: row.units }];
  });

  const overridesBySeries = new Map<string, SeriesOverride[]>();
  for (const override of overrides) {
    const key = keyOf(override.locationId, override.productId);
    if (!key) continue;
    const list = overridesBySeries.get(key) ?? [];
    list.push({ firstDay: toDayNumber(override.startDate), lastDay: toDayNumber(override.endDate), dailyUnits: override.overrideUnits });
    overridesBySeries.set(key, list);
  }

  const snapshot: PlanSnapshot = {
    asOf,
    locations: locations.map((l) => ({
      id: l.code,
      type: LOCATION_TYPES[l.type] ?? "store",
      name: l.name,
      region: l.region,
      cluster: l.cluster,
      ...(l.sourceDcCode ? { sourceDcId: l.sourceDcCode } : {}),
    })),
    products: products.map((p) => ({
      sku: p.sku,
      unitCost: p.unitCost,
      unitPrice: p.unitPrice,
      casePack: p.casePack,
      supplierId: p.supplier.code,
      name: p.name,
      category: p.category,
      ...(p.referenceSku ? { reference: { sku: p.referenceSku, factor: p.referenceFactor ?? 1 } } : {}),
    })),
    suppliers: suppliers.map((s) => ({ id: s.code, name: s.name, promisedLeadTimeDays: s.promisedLeadTimeDays, leadTimeHistory: historyBySupplier.get(s.id) ?? [] })),
    demand: [...demand.values()],
    stock: [...latestStock].map(([key, onHand]) => {
      const [locationId, sku] = key.split("|") as [string, string];
      const counted = lastCountDay.get(key);
      return { locationId, sku, onHand, ...(counted === undefined ? {} : { lastCountDay: counted }) };
    }),
    purchaseOrders,
    promotions: promotionRecords,
    returns,
  };

  return {
    snapshot,
    planDate: fromDayNumber(asOf + 1),
    inputHash: hashPlanInputs(snapshot, policy.version, overridesBySeries, scope),
    policyVersion: policy.version,
    minDecisionValue: policy.rules.minDecisionValue,
    locationsByCode: new Map(locations.map((l) => [l.code, { id: l.id, code: l.code, region: l.region }])),
    productsBySku: new Map(
      products.map((p) => [p.sku, { id: p.id, sku: p.sku, category: p.category, supplierId: p.supplierId, unitCost: p.unitCost, unitPrice: p.unitPrice }]),
    ),
    overrides: overridesBySeries,
    scope,
  };
}

/** SHA-256 over the snapshot in a canonical order (arrays are already sorted by id), policy version and overrides. */
function hashPlanInputs(snapshot: PlanSnapshot, policyVersion: number, overrides: Map<string, SeriesOverride[]>, scope: TPlanRunScope | null): string {
  const hash = createHash("sha256");
  const { demand, ...rest } = snapshot;
  hash.update(JSON.stringify({ ...rest, policyVersion, scope, overrides: [...overrides].sort((a, b) => (a[0] < b[0] ? -1 : 1)) }));
  for (const series of demand) {
    hash.update(`${series.id}|${series.firstDay}|${series.group ?? ""}`);
    hash.update(new Uint8Array(series.units.buffer, series.units.byteOffset, series.units.byteLength));
    if (series.onPromo) hash.update(series.onPromo);
    if (series.stockout) hash.update(series.stockout);
  }
  return hash.digest("hex");
}

interface DemandSeriesContext {
  historyStart: DayNumber;
  asOf: DayNumber;
  keyOf: (locationId: number, productId: number) => string | null;
  /** Series with a stock record: planned even without sales (excess and phantom stock). */
  stockedPairs: readonly (readonly [number, number])[];
  locationById: ReadonlyMap<number, { code: string; region: string }>;
  productById: ReadonlyMap<number, { sku: string; category: string }>;
}

type FilledDemandSeries = Required<Pick<DemandSeries, "id" | "firstDay" | "units" | "onPromo" | "stockout" | "group">>;

/** (location, product) as one number: ids are small positive integers. */
const pairKey = (locationId: number, productId: number) => locationId * 2 ** 26 + productId;

/**
 * Demand series: every location × SKU with sales in the window or stock on hand, in id order, each
 * a typed array from its first sale (or MIN_HISTORY_DAYS for stock without sales) to asOf. The sales
 * are streamed set-based straight into the arrays (read-sales-history.ts).
 */
async function readDemandSeries(scope: SalesFilter | null, context: DemandSeriesContext): Promise<Map<string, FilledDemandSeries>> {
  const { historyStart, asOf, keyOf, stockedPairs, locationById, productById } = context;
  const reader = openSalesHistoryReader(scope);
  try {
    const firstDayByPair = new Map<number, DayNumber>();
    for (const [locationId, productId, day] of await reader.firstSaleDays(historyStart)) {
      if (day <= asOf && keyOf(locationId, productId)) firstDayByPair.set(pairKey(locationId, productId), day);
    }
    const pairs = new Map<string, { locationId: number; productId: number; firstDay: DayNumber }>();
    for (const [pair, firstDay] of firstDayByPair) {
      const locationId = Math.floor(pair / 2 ** 26);
      const productId = pair - locationId * 2 ** 26;
      pairs.set(keyOf(locationId, productId)!, { locationId, productId, firstDay });
    }
    for (const [locationId, productId] of stockedPairs) {
      const key = keyOf(locationId, productId);
      if (key && !pairs.has(key)) pairs.set(key, { locationId, productId, firstDay: asOf - MIN_HISTORY_DAYS + 1 });
    }
    const demand = new Map<string, FilledDemandSeries>();
    const seriesByPair = new Map<number, FilledDemandSeries>();
    for (const [key, { locationId, productId, firstDay }] of [...pairs].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
      const length = asOf - firstDay + 1;
      const series: FilledDemandSeries = {
        id: key,
        firstDay,
        units: new Float64Array(length),
        onPromo: new Uint8Array(length),
        stockout: new Uint8Array(length),
        group: `${productById.get(productId)?.category ?? ""}|${locationById.get(locationId)?.region ?? ""}`,
      };
      demand.set(key, series);
      seriesByPair.set(pairKey(locationId, productId), series);
    }
    await reader.forEachSalesDay(historyStart, (locationId, productId, day, units, onPromo, stockout) => {
      const series = seriesByPair.get(pairKey(locationId, productId));
      if (!series) return;
      const index = day - series.firstDay;
      if (index < 0 || index >= series.units.length) return;
      series.units[index] = units;
      series.onPromo[index] = onPromo;
      series.stockout[index] = stockout === 1 ? 1 : 0;
    });
    return demand;
  } finally {
    await reader.close();
  }
}
