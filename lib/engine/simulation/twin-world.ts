import type { PlanOptions, PurchaseOrderLine } from "../plan/plan-types";
import type { LeadTimeObservation } from "../policy/summarize-supplier-lead-times";
import type { DayNumber } from "../types";
import { seriesKey, type DigitalTwin } from "./digital-twin";

/** Goods on their way: from a supplier (`fromIndex` -1) or between own locations. */
export interface Shipment {
  id: string;
  kind: "supplier" | "replenishment" | "transfer";
  /** Supplier id, or the shipping location for moves between own locations (what the system files it under). */
  supplierId: string;
  fromIndex: number;
  toIndex: number;
  quantity: number;
  orderDay: DayNumber;
  promisedDay: DayNumber;
  arrivalDay: DayNumber;
  /** Day the receipt is booked (set on arrival); until then the system still sees the order as open. */
  bookingDay?: DayNumber;
}

/** Money and units of one policy run; every cost has its own line so the total can be checked. */
export interface Ledger {
  demandUnits: number;
  salesUnits: number;
  lostUnits: number;
  lostSalesValue: number;
  lostMargin: number;
  revenue: number;
  costOfSales: number;
  /** Series-days with demand, and those of them that opened with physical stock. */
  demandDays: number;
  inStockDemandDays: number;
  /** Σ over days of end-of-day inventory at cost (on hand + moving between own locations). */
  inventoryValueDays: number;
  /** The part of it held at DCs (on hand there). */
  dcInventoryValueDays: number;
  holdingCost: number;
  orderingCost: number;
  transferCost: number;
  expediteCost: number;
  markdownCost: number;
  countCost: number;
  supplierUnitsReceived: number;
  shrinkUnits: number;
  markdownUnits: number;
  orderLines: number;
  transferredUnits: number;
}

export interface WorldCosts {
  /** Placing one order line with a supplier. */
  supplierOrderLine: number;
  /** Picking and shipping one replenishment line from a DC to a store. */
  replenishmentLine: number;
  holdingRatePerYear: number;
  expediteCostShare: number;
  markdownDepth: number;
  cycleCountCost: number;
  storeTransfer: PlanOptions["storeTransfer"];
  storeToDcReturn: PlanOptions["storeToDcReturn"];
  dcToStoreLeadTime: PlanOptions["dcToStoreLeadTime"];
}

/**
 * The physical world of one policy run and what the system records of it. Physical stock never
 * goes below zero (sales are capped by it, shrink takes only what is there); recorded stock follows
 * bookings and can drift from it. Every movement goes through a method here, so units are conserved
 * by construction and the ledger sees every cost.
 */
export class TwinWorld {
  readonly physical: Int32Array;
  readonly recorded: Int32Array;
  readonly sales: Float64Array[];
  readonly onPromo: Uint8Array[];
  readonly stockout: Uint8Array[];
  /** Engine day of each series' first recorded sale (NaN when none yet). */
  readonly firstSaleDay: Float64Array;
  /** Engine day of each series' last cycle count (NaN when never counted). */
  readonly lastCountDay: Float64Array;
  shipments: Shipment[] = [];
  readonly leadTimeHistory: Map<string, LeadTimeObservation[]>;
  readonly ledger: Ledger = emptyLedger();
  /**
   * Series touched since the last plan by something other than the regular daily flow (an action,
   * a count, a supplier order or receipt); the caller clears it after each plan.
   */
  readonly materialChange: Uint8Array;
  readonly seriesIndex: Map<string, number>;
  /** Units on order for each series that the system has not booked yet. */
  readonly inbound: Int32Array;
  readonly casePack: Int32Array;
  /** Series of the DC that replenishes each series (-1 for none). */
  readonly sourceIndex: Int32Array;
  /** Day each order (by id) first arrived: the truth a supplier-delay exception is checked against. */
  readonly arrivals = new Map<string, DayNumber>();
  private nextShipment = 0;
  private readonly observedOrders = new Set<string>();
  private readonly unitCost: Float64Array;
  private readonly unitPrice: Float64Array;
  private readonly locationType: Map<string, string>;
  private readonly isDcSeries: Uint8Array;
  private readonly supplierOf: Map<string, DigitalTwin["suppliers"][number]>;

  constructor(
    readonly twin: DigitalTwin,
    readonly costs: WorldCosts,
  ) {
    this.physical = twin.physical.slice();
    this.recorded = twin.recorded.slice();
    this.sales = twin.history.units.map((units) => units.slice());
    this.onPromo = twin.history.onPromo.map((flags) => flags.slice());
    this.stockout = twin.history.stockout.map((flags) => flags.slice());
    this.firstSaleDay = Float64Array.from(this.sales, (units, index) => {
      const first = units.findIndex((value, day) => value > 0 || this.stockout[index]![day]! > 0);
      return first >= 0 && twin.history.firstDay + first < twin.startDay ? twin.history.firstDay + first : Number.NaN;
    });
    this.lastCountDay = new Float64Array(twin.series.length).fill(Number.NaN);
    this.seriesIndex = new Map(twin.series.map((entry, index) => [entry.id, index]));
    const products = new Map(twin.products.map((product) => [product.sku, product]));
    this.unitCost = Float64Array.from(twin.series, (entry) => products.get(entry.sku)!.unitCost);
    this.unitPrice = Float64Array.from(twin.series, (entry) => products.get(entry.sku)!.unitPrice);
    const suppliers = new Map(twin.suppliers.map((supplier) => [supplier.id, supplier]));
    this.supplierOf = new Map(twin.products.map((product) => [product.sku, suppliers.get(product.supplierId)!]));
    this.locationType = new Map(twin.locations.map((location) => [location.id, location.type]));
    this.isDcSeries = Uint8Array.from(twin.series, (entry) => (this.isDc(entry.locationId) ? 1 : 0));
    this.leadTimeHistory = new Map(twin.suppliers.map((supplier) => [supplier.id, [...supplier.leadTimeHistory]]));
    this.materialChange = new Uint8Array(twin.series.length);
    this.inbound = new Int32Array(twin.series.length);
    this.casePack = Int32Array.from(twin.series, (entry) => Math.max(1, products.get(entry.sku)!.casePack));
    const sourceDc = new Map(twin.locations.map((location) => [location.id, location.sourceDcId]));
    this.sourceIndex = Int32Array.from(twin.series, (entry) => {
      const dcId = sourceDc.get(entry.locationId);
      return dcId === undefined ? -1 : (this.indexOf(dcId, entry.sku) ?? -1);
    });
    for (const order of twin.openOrders) {
      const toIndex = this.indexOf(order.locationId, order.sku);
      if (toIndex === undefined) continue;
      if (order.partlyReceived) this.observedOrders.add(order.purchaseOrderId);
      this.addShipment({
        id: order.purchaseOrderId,
        kind: "supplier",
        supplierId: order.supplierId,
        fromIndex: -1,
        toIndex,
        quantity: order.quantity,
        orderDay: order.orderDay,
        promisedDay: order.promisedDay,
        arrivalDay: order.arrivalDay,
      });
    }
  }

  indexOf(locationId: string, sku: string): number | undefined {
    return this.seriesIndex.get(seriesKey(locationId, sku));
  }

  isDc(locationId: string): boolean {
    return this.locationType.get(locationId) === "dc";
  }

  /** Morning: goods arriving today go on the shelf; receipts due for booking today are booked. */
  receive(today: DayNumber): void {
    const stillOpen: Shipment[] = [];
    for (const shipment of this.shipments) {
      if (shipment.arrivalDay === today && shipment.bookingDay === undefined) {
        this.physical[shipment.toIndex]! += shipment.quantity;
        this.arrivals.set(shipment.id, Math.min(this.arrivals.get(shipment.id) ?? today, today));
        const entry = this.twin.series[shipment.toIndex]!;
        shipment.bookingDay = today + this.twin.truth.bookingDelay(entry.locationId, entry.sku, today);
        if (shipment.kind === "supplier") {
          this.ledger.supplierUnitsReceived += shipment.quantity;
          this.materialChange[shipment.toIndex] = 1;
          this.recordLeadTime(shipment, today);
        }
      }
      if (shipment.bookingDay === today) {
        this.recorded[shipment.toIndex]! += shipment.quantity;
        this.inbound[shipment.toIndex]! -= shipment.quantity;
        continue;
      }
      stillOpen.push(shipment);
    }
    this.shipments = stillOpen;
  }

  /** One lead-time observation per purchase order: its first receipt. */
  private recordLeadTime(shipment: Shipment, today: DayNumber): void {
    const history = this.leadTimeHistory.get(shipment.supplierId);
    if (!history || this.observedOrders.has(shipment.id)) return;
    this.observedOrders.add(shipment.id);
    history.push({ orderDay: shipment.orderDay, receivedDay: today });
  }

  private addShipment(shipment: Shipment): void {
    this.shipments.push(shipment);
    this.inbound[shipment.toIndex]! += shipment.quantity;
  }

  /** Open order lines as the plan reads them. */
  openOrderLines(): PurchaseOrderLine[] {
    return this.shipments
      .filter((shipment) => shipment.quantity > 0)
      .map((shipment) => {
        const entry = this.twin.series[shipment.toIndex]!;
        return {
          purchaseOrderId: shipment.id,
          supplierId: shipment.supplierId,
          locationId: entry.locationId,
          sku: entry.sku,
          quantity: shipment.quantity,
          orderDay: shipment.orderDay,
          promisedDay: shipment.promisedDay,
        };
      });
  }

  /** Orders from a supplier; arrives after the supplier's true (noisy) lead time. */
  orderFromSupplier(index: number, quantity: number, today: DayNumber, purchaseOrderId: string): Shipment | undefined {
    if (quantity <= 0) return undefined;
    const entry = this.twin.series[index]!;
    const supplier = this.supplierOf.get(entry.sku)!;
    const lead = this.twin.truth.supplierLeadTime(supplier.id, entry.locationId, today);
    const shipment: Shipment = {
      id: purchaseOrderId,
      kind: "supplier",
      supplierId: supplier.id,
      fromIndex: -1,
      toIndex: index,
      quantity,
      orderDay: today,
      promisedDay: today + supplier.promisedLeadTimeDays,
      arrivalDay: today + Math.max(1, lead),
    };
    this.addShipment(shipment);
    this.ledger.orderLines += 1;
    this.ledger.orderingCost += this.costs.supplierOrderLine;
    this.materialChange[index] = 1;
    return shipment;
  }

  /**
   * Moves up to `quantity` units that are physically at the source; the source books what it
   * shipped. Returns the units shipped.
   */
  ship(fromIndex: number, toIndex: number, quantity: number, today: DayNumber, kind: "replenishment" | "transfer"): number {
    const units = Math.min(Math.max(0, Math.floor(quantity)), this.physical[fromIndex]!);
    if (units <= 0) return 0;
    const from = this.twin.series[fromIndex]!;
    const to = this.twin.series[toIndex]!;
    const lane = this.lane(from.locationId, to.locationId);
    this.physical[fromIndex]! -= units;
    this.recorded[fromIndex]! -= units;
    const arrivalDay = today + this.twin.truth.internalLeadTime(from.locationId, to.locationId, to.sku, today, lane.leadTimeDays);
    this.addShipment({
      id: `${kind === "replenishment" ? "RP" : "TR"}-${today}-${this.nextShipment++}`,
      kind,
      supplierId: from.locationId,
      fromIndex,
      toIndex,
      quantity: units,
      orderDay: today,
      promisedDay: today + Math.ceil(lane.leadTimeDays),
      arrivalDay,
    });
    if (kind === "replenishment") {
      this.ledger.orderLines += 1;
      this.ledger.orderingCost += this.costs.replenishmentLine;
    } else {
      this.ledger.transferCost += units * lane.unitCost;
      this.ledger.transferredUnits += units;
      this.materialChange[fromIndex] = 1;
      this.materialChange[toIndex] = 1;
    }
    return units;
  }

  private lane(fromId: string, toId: string): { unitCost: number; leadTimeDays: number } {
    if (this.isDc(fromId)) return { unitCost: 0, leadTimeDays: this.costs.dcToStoreLeadTime.meanDays };
    if (this.isDc(toId)) return this.costs.storeToDcReturn;
    return this.costs.storeTransfer;
  }

  /** Pulls open lines forward: the rest of their transit is halved, at least one day remains. */
  expedite(purchaseOrderId: string, toIndex: number | undefined, today: DayNumber): number {
    let units = 0;
    for (const shipment of this.shipments) {
      if (shipment.id !== purchaseOrderId || (toIndex !== undefined && shipment.toIndex !== toIndex)) continue;
      if (shipment.bookingDay !== undefined || shipment.arrivalDay <= today + 1) continue;
      shipment.arrivalDay = today + Math.max(1, Math.ceil((shipment.arrivalDay - today) / 2));
      units += shipment.quantity;
      this.ledger.expediteCost += shipment.quantity * this.unitCost[shipment.toIndex]! * this.costs.expediteCostShare;
      this.materialChange[shipment.toIndex] = 1;
    }
    return units;
  }

  /** Cuts an open line that has not arrived yet by up to `quantity` units. */
  cut(purchaseOrderId: string, toIndex: number | undefined, quantity: number): number {
    let remaining = Math.max(0, Math.floor(quantity));
    for (const shipment of this.shipments) {
      if (remaining <= 0) break;
      if (shipment.id !== purchaseOrderId || shipment.kind !== "supplier" || shipment.bookingDay !== undefined) continue;
      if (toIndex !== undefined && shipment.toIndex !== toIndex) continue;
      const cut = Math.min(remaining, shipment.quantity);
      shipment.quantity -= cut;
      this.inbound[shipment.toIndex]! -= cut;
      remaining -= cut;
      this.materialChange[shipment.toIndex] = 1;
    }
    this.shipments = this.shipments.filter((shipment) => shipment.quantity > 0);
    return Math.max(0, Math.floor(quantity)) - remaining;
  }

  /** Sells up to `quantity` units that are really there at the markdown price, outside regular demand. */
  markdown(index: number, quantity: number): number {
    const units = Math.min(Math.max(0, Math.floor(quantity)), this.physical[index]!);
    if (units <= 0) return 0;
    const price = this.unitPrice[index]!;
    this.physical[index]! -= units;
    this.recorded[index]! -= units;
    this.ledger.markdownUnits += units;
    this.ledger.markdownCost += units * price * this.costs.markdownDepth;
    this.ledger.revenue += units * price * (1 - this.costs.markdownDepth);
    this.ledger.costOfSales += units * this.unitCost[index]!;
    this.materialChange[index] = 1;
    return units;
  }

  /** A cycle count on `today`: the record is set to what is really there. */
  count(index: number, today: DayNumber): void {
    this.recorded[index] = this.physical[index]!;
    this.lastCountDay[index] = today;
    this.ledger.countCost += this.costs.cycleCountCost;
    this.materialChange[index] = 1;
  }

  /**
   * The day's trade: sales = min(demand, physical stock); the rest is lost. The record and the
   * history see the sales; the shelf then loses its unrecorded shrink. Returns lost units per series.
   */
  trade(day: number, today: DayNumber, lostOut: Float64Array): void {
    const { truth, series } = this.twin;
    const count = series.length;
    const historyIndex = today - this.twin.history.firstDay;
    const promoted = new Set<number>();
    for (const promotion of this.twin.promotions) {
      if (today < promotion.startDay || today > promotion.endDay) continue;
      for (const locationId of promotion.locationIds) {
        const index = this.indexOf(locationId, promotion.sku);
        if (index !== undefined) promoted.add(index);
      }
    }
    for (let index = 0; index < count; index += 1) {
      lostOut[index] = 0;
      if (!series[index]!.selling) continue;
      const demand = truth.demand[day * count + index]!;
      const available = this.physical[index]!;
      const sold = Math.min(demand, available);
      const lost = demand - sold;
      const price = this.unitPrice[index]!;
      const cost = this.unitCost[index]!;
      this.physical[index] = available - sold;
      this.recorded[index]! -= sold;
      this.sales[index]![historyIndex] = sold;
      this.onPromo[index]![historyIndex] = promoted.has(index) ? 1 : 0;
      // The system can only tell a stock-out from its own record: nothing left on it after the day's sales.
      this.stockout[index]![historyIndex] = this.recorded[index]! <= 0 ? 1 : 0;
      if (sold > 0 && Number.isNaN(this.firstSaleDay[index]!)) this.firstSaleDay[index] = today;
      const ledger = this.ledger;
      ledger.demandUnits += demand;
      ledger.salesUnits += sold;
      ledger.lostUnits += lost;
      ledger.lostSalesValue += lost * price;
      ledger.lostMargin += lost * Math.max(0, price - cost);
      ledger.revenue += sold * price;
      ledger.costOfSales += sold * cost;
      if (demand > 0) {
        ledger.demandDays += 1;
        if (available >= 1) ledger.inStockDemandDays += 1;
      }
      lostOut[index] = lost;
      const shrink = Math.min(truth.shrink[day * count + index]!, this.physical[index]!);
      this.physical[index]! -= shrink;
      ledger.shrinkUnits += shrink;
    }
  }

  /** End of day: inventory at cost (on hand and moving between own locations) and its holding cost. */
  closeDay(): number {
    let value = 0;
    let dcValue = 0;
    for (let index = 0; index < this.physical.length; index += 1) {
      const held = this.physical[index]! * this.unitCost[index]!;
      value += held;
      if (this.isDcSeries[index] === 1) dcValue += held;
    }
    for (const shipment of this.shipments) {
      if (shipment.kind !== "supplier" && shipment.bookingDay === undefined) value += shipment.quantity * this.unitCost[shipment.toIndex]!;
    }
    this.ledger.inventoryValueDays += value;
    this.ledger.dcInventoryValueDays += dcValue;
    this.ledger.holdingCost += (value * this.costs.holdingRatePerYear) / 365;
    return value;
  }

  /** Units the company owns: on hand everywhere plus what is moving between its own locations. */
  ownedUnits(): number {
    let units = 0;
    for (const value of this.physical) units += value;
    for (const shipment of this.shipments) if (shipment.kind !== "supplier" && shipment.bookingDay === undefined) units += shipment.quantity;
    return units;
  }
}

function emptyLedger(): Ledger {
  return {
    demandUnits: 0,
    salesUnits: 0,
    lostUnits: 0,
    lostSalesValue: 0,
    lostMargin: 0,
    revenue: 0,
    costOfSales: 0,
    demandDays: 0,
    inStockDemandDays: 0,
    inventoryValueDays: 0,
    dcInventoryValueDays: 0,
    holdingCost: 0,
    orderingCost: 0,
    transferCost: 0,
    expediteCost: 0,
    markdownCost: 0,
    countCost: 0,
    supplierUnitsReceived: 0,
    shrinkUnits: 0,
    markdownUnits: 0,
    orderLines: 0,
    transferredUnits: 0,
  };
}
