import { isStalePurchaseOrder } from "../exceptions/detect-stale-purchase-orders";
import { defaultExceptionOptions, type ExceptionOptions, type SubjectNames } from "../exceptions/exception-types";
import { summarizeSupplierLeadTimes, type SupplierLeadTimeSummary } from "../policy/summarize-supplier-lead-times";
import type { DayNumber, DemandSeries } from "../types";
import { compareIds, groupBy, seriesKey } from "./plan-keys";
import type { NetworkLocation, NetworkProduct, PlanResult, PlanSnapshot, PromotionRecord, PurchaseOrderLine, ReturnRecord } from "./plan-types";

export interface AcceptedSeries {
  series: DemandSeries;
  location: NetworkLocation;
  product: NetworkProduct;
  sku: string;
}

/** The snapshot keyed for the stages: lookups by id and by series, and the series the plan covers. */
export interface IndexedPlanSnapshot {
  asOf: DayNumber;
  locations: ReadonlyMap<string, NetworkLocation>;
  products: ReadonlyMap<string, NetworkProduct>;
  supplierSummaries: ReadonlyMap<string, SupplierLeadTimeSummary>;
  /** Names for root-cause text, from the snapshot's records. */
  names: SubjectNames;
  onHandBySeries: ReadonlyMap<string, number>;
  /** Day of the last physical count per series (see StockRecord.lastCountDay). */
  lastCountDayBySeries: ReadonlyMap<string, DayNumber>;
  /** Open purchase-order lines with a positive quantity the plan counts on, by series. */
  linesBySeries: ReadonlyMap<string, PurchaseOrderLine[]>;
  /** Open lines of POs so far past their promise that the plan does not count on them (see isStalePurchaseOrder). */
  staleLines: readonly PurchaseOrderLine[];
  promotionsBySeries: ReadonlyMap<string, PromotionRecord[]>;
  returnsBySeries: ReadonlyMap<string, ReturnRecord[]>;
  /** DC ids in id order. */
  dcIds: readonly string[];
  /** Series with a known location and product whose history ends on asOf, in id order. */
  accepted: readonly AcceptedSeries[];
  skipped: PlanResult["skipped"];
}

/** Stage 0: index the snapshot and decide which series the plan covers (the rest are skipped with a reason). */
export function indexPlanSnapshot(
  snapshot: PlanSnapshot,
  exceptionOptions: Pick<ExceptionOptions, "stalePoLeadTimeMultiple"> = defaultExceptionOptions,
): IndexedPlanSnapshot {
  const { asOf } = snapshot;
  const locations = new Map(snapshot.locations.map((location) => [location.id, location]));
  const products = new Map(snapshot.products.map((product) => [product.sku, product]));
  const supplierSummaries = new Map<string, SupplierLeadTimeSummary>(
    snapshot.suppliers.map((supplier) => [supplier.id, summarizeSupplierLeadTimes(supplier.promisedLeadTimeDays, supplier.leadTimeHistory, asOf)]),
  );
  const supplierNames = new Map(snapshot.suppliers.map((supplier) => [supplier.id, supplier.name ?? supplier.id]));
  const promotionNames = new Map(snapshot.promotions.map((promotion) => [promotion.id, promotion.name ?? promotion.id]));
  const names: SubjectNames = {
    supplier: (id) => supplierNames.get(id) ?? id,
    product: (sku) => products.get(sku)?.name ?? sku,
    promotion: (id) => promotionNames.get(id) ?? id,
    location: (id) => locations.get(id)?.name ?? id,
  };
  const onHandBySeries = new Map<string, number>();
  const lastCountDayBySeries = new Map<string, DayNumber>();
  for (const record of snapshot.stock) {
    const key = seriesKey(record.locationId, record.sku);
    onHandBySeries.set(key, (onHandBySeries.get(key) ?? 0) + record.onHand);
    if (record.lastCountDay !== undefined) lastCountDayBySeries.set(key, Math.max(record.lastCountDay, lastCountDayBySeries.get(key) ?? -Infinity));
  }
  // Long-overdue POs are a question for the supplier, not stock the plan can count on.
  const openLines = snapshot.purchaseOrders.filter((line) => line.quantity > 0);
  const staleLines = openLines.filter((line) => isStalePurchaseOrder(line, asOf, exceptionOptions));
  const linesBySeries = groupBy(
    openLines.filter((line) => !isStalePurchaseOrder(line, asOf, exceptionOptions)),
    (line) => seriesKey(line.locationId, line.sku),
  );
  const promotionsBySeries = new Map<string, PromotionRecord[]>();
  for (const promotion of snapshot.promotions) {
    for (const locationId of promotion.locationIds) {
      const key = seriesKey(locationId, promotion.sku);
      promotionsBySeries.set(key, [...(promotionsBySeries.get(key) ?? []), promotion]);
    }
  }

  const returnsBySeries = groupBy(snapshot.returns ?? [], (record) => seriesKey(record.locationId, record.sku));

  const skipped: PlanResult["skipped"] = [];
  const accepted: AcceptedSeries[] = [];
  for (const series of [...snapshot.demand].sort((a, b) => compareIds(a.id, b.id))) {
    const separator = series.id.indexOf("|");
    const location = locations.get(series.id.slice(0, separator));
    const sku = series.id.slice(separator + 1);
    const product = products.get(sku);
    if (separator < 0 || !location || !product) {
      skipped.push({ seriesId: series.id, reason: separator < 0 ? "id is not location|sku" : !location ? "unknown location" : "unknown product" });
      continue;
    }
    if (series.firstDay + series.units.length - 1 !== asOf) {
      skipped.push({ seriesId: series.id, reason: "history does not end on asOf" });
      continue;
    }
    accepted.push({ series, location, product, sku });
  }
  const dcIds = snapshot.locations.filter((location) => location.type === "dc").map((location) => location.id).sort(compareIds);
  return { asOf, locations, products, supplierSummaries, names, onHandBySeries, lastCountDayBySeries, linesBySeries, staleLines, promotionsBySeries, returnsBySeries, dcIds, accepted, skipped };
}
