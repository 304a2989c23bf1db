import { detectDemandDeviation } from "../exceptions/detect-demand-deviation";
import { detectExcessStock } from "../exceptions/detect-excess-stock";
import { findForecastDrift, type ForecastDriftFinding } from "../exceptions/detect-forecast-drift";
import { detectInventoryInaccuracy } from "../exceptions/detect-inventory-inaccuracy";
import { detectOpenOrdersAbovePolicy } from "../exceptions/detect-open-orders-above-policy";
import { detectProjectedStockout, shareDcUnitsLeft } from "../exceptions/detect-projected-stockout";
import { detectPromotionReadiness } from "../exceptions/detect-promotion-readiness";
import { detectStalePurchaseOrders, type StalePurchaseOrder } from "../exceptions/detect-stale-purchase-orders";
import { detectSupplierDelay } from "../exceptions/detect-supplier-delay";
import type { PlanException } from "../exceptions/exception-types";
import { groupClusterExceptions } from "../exceptions/group-cluster-exceptions";
import { groupSupplierCuts } from "../exceptions/group-supplier-cuts";
import { keepWorthDeciding } from "../exceptions/keep-worth-deciding";
import { rankExceptions } from "../exceptions/rank-exceptions";
import { forecastUnits, type SeriesContext } from "../exceptions/series-context";
import { estimateReceiptDay } from "../projection/estimate-receipt-day";
import { expeditedDayOffset } from "../projection/expedite-receipts";
import { projectInventory } from "../projection/project-inventory";
import type { IndexedPlanSnapshot } from "./index-plan-snapshot";
import { compareIds, groupBy, seriesKey } from "./plan-keys";
import type { PlanDriftFinding, PlanOptions, PlanSnapshot } from "./plan-types";
import type { TransferStageResult } from "./plan-network-transfers";
import { toProjectedReceipts } from "./to-projected-receipts";

/**
 * Stage 4: the seven detectors — per series (stock-out, excess, inaccuracy, drift, demand deviation),
 * per purchase order (supplier delay) and per promotion (readiness) — a cluster's markdowns of one SKU
 * and a node's cuts of one supplier's open orders each made one decision, excess and forecast drift
 * nobody would be asked about left out (keepWorthDeciding), and ranked. Every drift finding is also
 * returned, raised or not: the run's model-monitoring record.
 */
export function detectPlanExceptions(
  snapshot: Pick<PlanSnapshot, "purchaseOrders" | "promotions">,
  indexed: IndexedPlanSnapshot,
  contexts: readonly SeriesContext[],
  transfers: TransferStageResult,
  settings: PlanOptions,
): { exceptions: PlanException[]; driftFindings: PlanDriftFinding[] } {
  const { asOf } = indexed;
  const exceptionOptions = settings.exceptions;
  const found: PlanException[] = [];
  const driftFindings: ForecastDriftFinding[] = [];
  const push = (exception: PlanException | undefined) => {
    if (exception) found.push(exception);
  };
  // A DC's forecast is its stores' demand; they sell what they hold before they miss the DC. A late
  // DC order therefore loses sales only once the DC and its stores together (the echelon) run dry.
  const storesOfDcSku = groupBy(
    contexts.filter((context) => context.locationType !== "dc" && indexed.locations.get(context.locationId)?.sourceDcId !== undefined),
    (context) => seriesKey(indexed.locations.get(context.locationId)!.sourceDcId!, context.sku),
  );
  const stockBelowDc = (dc: SeriesContext): number =>
    (storesOfDcSku.get(dc.seriesId) ?? []).reduce(
      (sum, store) => sum + Math.max(0, store.onHand) + store.openLines.reduce((inbound, line) => inbound + line.quantity, 0),
      0,
    );
  // What a DC's stores hold above their own levels and will sell before they draw on it: each store's
  // surplus counts up to its own demand over the DC's cover (a store's surplus serves no other store).
  const surplusBelowDc = (dc: SeriesContext): number => {
    const coverDays = dc.policy.protectionDays + dc.policy.replenishmentCycleDays;
    return (storesOfDcSku.get(dc.seriesId) ?? []).reduce((sum, store) => {
      if (store.stockRecord.status !== "plausible" || store.policy.status !== "ok") return sum;
      const position = Math.max(0, store.onHand) + store.openLines.reduce((inbound, line) => inbound + line.quantity, 0);
      const surplus = Math.max(0, position - (store.policy.orderUpToLevel + store.casePack - 1));
      return sum + Math.min(surplus, forecastUnits(store.forecast, 0, coverDays));
    }, 0);
  };

  const withTransfers = contexts.map(
    (base): SeriesContext => ({
      ...base,
      transfersIn: transfers.transfersIn.get(base.seriesId) ?? [],
      transfersOut: transfers.transfersOut.get(base.seriesId) ?? [],
    }),
  );
  const noneOfferedFirst = { offeredFirst: { units: 0, locationIds: [] }, names: indexed.names };
  // A DC's units left are offered once across its stores' orders, most at stake first.
  const stockouts = shareDcUnitsLeft(
    withTransfers,
    withTransfers.map((context) =>
      detectProjectedStockout(context, exceptionOptions, context.locationType === "dc" ? (storesOfDcSku.get(context.seriesId) ?? []) : [], noneOfferedFirst),
    ),
    exceptionOptions,
    indexed.names,
  );
  const contextBySeries = new Map<string, SeriesContext>();
  for (const [index, context] of withTransfers.entries()) {
    contextBySeries.set(context.seriesId, context);
    push(stockouts[index]);
    const ordersFromSupplier = indexed.locations.get(context.locationId)?.sourceDcId === undefined;
    push(
      detectExcessStock(context, exceptionOptions) ??
        (ordersFromSupplier ? detectOpenOrdersAbovePolicy(context, exceptionOptions, context.locationType === "dc" ? surplusBelowDc(context) : 0) : undefined),
    );
    push(detectInventoryInaccuracy(context, exceptionOptions));
    const drift = findForecastDrift(context, exceptionOptions);
    if (drift) {
      driftFindings.push(drift);
      push(drift.exception);
    }
    push(
      detectDemandDeviation(
        context,
        {
          promotions: (indexed.promotionsBySeries.get(context.seriesId) ?? []).map((promotion) => ({
            promotionId: promotion.id,
            startDay: promotion.startDay,
            endDay: promotion.endDay,
          })),
        },
        exceptionOptions,
        indexed.names,
      ),
    );
  }

  const staleBySupplier = new Map<string, StalePurchaseOrder[]>();
  for (const [purchaseOrderId, lines] of [...groupBy(indexed.staleLines, (line) => line.purchaseOrderId)].sort((a, b) => compareIds(a[0], b[0]))) {
    const first = lines[0]!;
    const orders = staleBySupplier.get(first.supplierId) ?? [];
    orders.push({
      purchaseOrderId,
      orderDay: first.orderDay,
      promisedDay: first.promisedDay,
      lines: lines.map((line) => ({ sku: line.sku, locationId: line.locationId, quantity: line.quantity, unitCost: indexed.products.get(line.sku)?.unitCost ?? 0 })),
    });
    staleBySupplier.set(first.supplierId, orders);
  }
  for (const [supplierId, orders] of [...staleBySupplier].sort((a, b) => compareIds(a[0], b[0]))) {
    push(detectStalePurchaseOrders(supplierId, orders, asOf, exceptionOptions, indexed.names));
  }

  const stale = new Set(indexed.staleLines);
  const linesByOrder = groupBy(
    snapshot.purchaseOrders.filter((line) => line.quantity > 0 && !stale.has(line)),
    (line) => line.purchaseOrderId,
  );
  for (const [purchaseOrderId, lines] of [...linesByOrder].sort((a, b) => compareIds(a[0], b[0]))) {
    const firstLine = lines[0]!;
    const supplier = indexed.supplierSummaries.get(firstLine.supplierId);
    if (!supplier) continue;
    const expectedDay = estimateReceiptDay(firstLine.promisedDay, asOf, supplier);
    const delayLines = lines.flatMap((line) => {
      const context = contextBySeries.get(seriesKey(line.locationId, line.sku));
      if (!context) return [];
      const otherReceipts = [
        ...toProjectedReceipts(context.openLines.filter((open) => open.purchaseOrderId !== purchaseOrderId), asOf),
        ...(context.returnReceipts ?? []),
      ];
      const onHand = context.locationType === "dc" ? context.onHand + stockBelowDc(context) : context.onHand;
      const lostWith = (day: number) =>
        projectInventory(
          {
            onHand,
            forecast: context.forecast,
            receipts: [...otherReceipts, { dayOffset: day - asOf - 1, quantity: line.quantity, reference: purchaseOrderId }],
            safetyStock: context.policy.safetyStock,
          },
          // Lost sales up to the expected arrival: what the delay costs before the goods are there.
          { pessimisticLevel: settings.pessimisticLevel, riskWindowDays: expectedDay - asOf },
        ).expectedLostUnitsInRiskWindow;
      return [
        {
          seriesId: context.seriesId,
          quantity: line.quantity,
          unitCost: context.unitCost,
          unitMargin: Math.max(0, context.unitPrice - context.unitCost),
          lostUnitsIfOnTime: lostWith(Math.max(asOf + 1, line.promisedDay)),
          lostUnitsIfExpedited: lostWith(asOf + 1 + expeditedDayOffset(expectedDay - asOf - 1, exceptionOptions.expeditedTransitShare)),
          lostUnitsAsExpected: lostWith(expectedDay),
        },
      ];
    });
    push(
      detectSupplierDelay(
        { purchaseOrderId, supplierId: firstLine.supplierId, promisedDay: firstLine.promisedDay, expectedDay, asOf, lines: delayLines, supplier },
        exceptionOptions,
        indexed.names,
      ),
    );
  }

  for (const promotion of [...snapshot.promotions].sort((a, b) => compareIds(a.id, b.id))) {
    const targets = promotion.locationIds
      .map((locationId) => contextBySeries.get(seriesKey(locationId, promotion.sku)))
      .filter((context): context is SeriesContext => context !== undefined);
    push(
      detectPromotionReadiness(
        { promotionId: promotion.id, startDay: promotion.startDay, endDay: promotion.endDay, expectedUplift: promotion.expectedUplift },
        targets,
        exceptionOptions,
        indexed.names,
      ),
    );
  }
  const clustered = groupClusterExceptions(found, indexed.locations, exceptionOptions, indexed.names);
  const supplierOfOrder = new Map(snapshot.purchaseOrders.map((line) => [line.purchaseOrderId, line.supplierId]));
  const grouped = groupSupplierCuts(clustered, indexed.products, supplierOfOrder, exceptionOptions, indexed.names);
  const exceptions = rankExceptions(keepWorthDeciding(grouped, exceptionOptions));
  const raised = new Set(exceptions.map((exception) => exception.id));
  return {
    exceptions,
    driftFindings: driftFindings.map(({ exception, ...finding }) => ({ ...finding, exceptionId: exception.id, passedValueBar: raised.has(exception.id) })),
  };
}
