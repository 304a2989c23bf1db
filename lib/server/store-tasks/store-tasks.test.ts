import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createException, createLocation, createProduct, createRecommendation, createSupplier, createUser } from "../../test/factories";
import { confirmTransfer } from "./confirm-transfer";
import { listStoreTasks } from "./list-store-tasks";
import { receivePurchaseOrder } from "./receive-purchase-order";
import { recordCycleCount } from "./record-cycle-count";
import { MS_PER_DAY } from "../../engine/calendar";

const DAY = MS_PER_DAY;

async function stockOf(locationId: number, productId: number) {
  const row = await db.inventoryPosition.findFirst({ where: { locationId, productId }, orderBy: { asOf: "desc" } });
  return row?.onHand ?? null;
}

async function inaccuracyAt(store: Awaited<ReturnType<typeof createLocation>>, onHand: number) {
  const product = await createProduct({ name: "Wool socks" });
  await db.inventoryPosition.create({ data: { locationId: store.id, productId: product.id, asOf: new Date(Date.now() - 2 * DAY), onHand } });
  const exception = await createException({ location: store, product, overrides: { type: "inventory_inaccuracy", summary: "No sales in 14 days while 40 units are on hand" } });
  return { product, exception };
}

describe("store tasks", () => {
  it("a cycle count sets the counted stock, closes the inaccuracy exception and audits both", async () => {
    const store = await createLocation();
    const { product, exception } = await inaccuracyAt(store, 40);
    const manager = await createUser("store_manager", { scopes: [{ kind: "STORE", value: store.code }] });

    const tasks = await listStoreTasks(db, manager);
    expect(tasks.counts).toMatchObject([{ exceptionId: exception.id, recordedOnHand: 40, product: { name: "Wool socks" } }]);

    const result = await recordCycleCount(db, manager, { exceptionId: exception.id, countedQuantity: 3, expectedVersion: exception.version });
    expect(result).toEqual({ exceptionId: exception.id, previousOnHand: 40, countedQuantity: 3, difference: -37 });
    expect(await stockOf(store.id, product.id)).toBe(3);
    expect(await db.exception.findUniqueOrThrow({ where: { id: exception.id } })).toMatchObject({ status: "closed", closedReason: "cycle_counted" });
    const audit = await db.auditEvent.findMany({ where: { action: { in: ["inventory.counted", "exception.resolved"] } } });
    expect(audit.map((a) => a.action).sort()).toEqual(["exception.resolved", "inventory.counted"]);
    expect(JSON.parse(audit.find((a) => a.action === "inventory.counted")!.after!)).toMatchObject({ onHand: 3, difference: -37 });
    expect(await db.dirtySeries.count({ where: { locationId: store.id, productId: product.id } })).toBe(1);
    expect((await listStoreTasks(db, manager)).counts).toEqual([]);

    await expect(recordCycleCount(db, manager, { exceptionId: exception.id, countedQuantity: 5, expectedVersion: exception.version + 1 })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("refuses a count outside the manager's stores (404), and by roles without the right (403), changing nothing", async () => {
    const store = await createLocation({ region: "NORTH" });
    const { product, exception } = await inaccuracyAt(store, 40);
    const other = await createUser("store_manager", { scopes: [{ kind: "STORE", value: (await createLocation()).code }] });
    const request = { exceptionId: exception.id, countedQuantity: 1, expectedVersion: exception.version };
    await expect(recordCycleCount(db, other, request)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const planner = await createUser("planner", { scopes: [{ kind: "REGION", value: "NORTH" }, { kind: "CATEGORY", value: product.category }] });
    await expect(recordCycleCount(db, planner, request)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(listStoreTasks(db, planner)).rejects.toMatchObject({ code: "FORBIDDEN" });
    const finance = await createUser("finance");
    await expect(recordCycleCount(db, finance, request)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await stockOf(store.id, product.id)).toBe(40);
    expect((await db.exception.findUniqueOrThrow({ where: { id: exception.id } })).status).toBe("open");
  });

  it("refuses to count an exception of another type", async () => {
    const store = await createLocation();
    const exception = await createException({ location: store });
    const manager = await createUser("store_manager", { scopes: [{ kind: "STORE", value: store.code }] });
    await expect(recordCycleCount(db, manager, { exceptionId: exception.id, countedQuantity: 1, expectedVersion: 1 })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
  });

  it("receiving a purchase order adds the units to the lines and the store's stock, and refuses more than a line expects", async () => {
    const store = await createLocation();
    const supplier = await createSupplier({ name: "Nordic Knit" });
    const product = await createProduct({ supplierId: supplier.id, name: "Wool socks" });
    await db.inventoryPosition.create({ data: { locationId: store.id, productId: product.id, asOf: new Date(Date.now() - DAY), onHand: 5 } });
    await db.purchaseOrder.create({
      data: {
        poNumber: "PO-1",
        supplierId: supplier.id,
        destinationLocationId: store.id,
        orderedAt: new Date(Date.now() - 10 * DAY),
        promisedAt: new Date(Date.now() - DAY),
        status: "OPEN",
        lines: { create: [{ lineNo: 1, productId: product.id, qtyOrdered: 24 }] },
      },
    });
    const manager = await createUser("store_manager", { scopes: [{ kind: "STORE", value: store.code }] });
    expect((await listStoreTasks(db, manager)).receipts).toMatchObject([{ poNumber: "PO-1", supplier: { name: "Nordic Knit" }, daysLate: 1, lines: [{ qtyOutstanding: 24 }] }]);

    await expect(receivePurchaseOrder(db, manager, { poNumber: "PO-1", lines: [{ lineNo: 1, qtyReceived: 25 }] })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { "lines.0.qtyReceived": [expect.stringContaining("24")] },
    });
    expect(await receivePurchaseOrder(db, manager, { poNumber: "PO-1", lines: [{ lineNo: 1, qtyReceived: 10 }] })).toEqual({ poNumber: "PO-1", status: "PARTIAL", unitsReceived: 10 });
    expect(await stockOf(store.id, product.id)).toBe(15);
    expect(await receivePurchaseOrder(db, manager, { poNumber: "PO-1", lines: [{ lineNo: 1, qtyReceived: 14 }] })).toMatchObject({ status: "RECEIVED" });
    expect(await stockOf(store.id, product.id)).toBe(29);
    expect(await db.auditEvent.count({ where: { action: "purchase_order.received", entityId: "PO-1" } })).toBe(2);

    const outsider = await createUser("store_manager", { scopes: [{ kind: "STORE", value: (await createLocation()).code }] });
    await expect(receivePurchaseOrder(db, outsider, { poNumber: "PO-1", lines: [{ lineNo: 1, qtyReceived: 1 }] })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("each end of an approved transfer confirms its own step once, moving its own stock", async () => {
    const from = await createLocation();
    const to = await createLocation();
    const product = await createProduct();
    for (const store of [from, to]) await db.inventoryPosition.create({ data: { locationId: store.id, productId: product.id, asOf: new Date(Date.now() - DAY), onHand: 50 } });
    const exception = await createException({ location: to, product });
    const rec = await createRecommendation({ exception, recommendation: { status: "approved", quantity: 12, sourceLocationId: from.id, destLocationId: to.id } });
    const source = await createUser("store_manager", { scopes: [{ kind: "STORE", value: from.code }] });
    const destination = await createUser("store_manager", { scopes: [{ kind: "STORE", value: to.code }] });

    expect((await listStoreTasks(db, source)).transfers).toMatchObject([{ recommendationId: rec.id, step: "shipped", quantity: 12 }]);
    // Nothing to receive until the source store has shipped it, and receiving first is refused.
    expect((await listStoreTasks(db, destination)).transfers).toEqual([]);
    await expect(confirmTransfer(db, destination, { recommendationId: rec.id, step: "received" })).rejects.toMatchObject({ code: "CONFLICT" });
    await expect(confirmTransfer(db, destination, { recommendationId: rec.id, step: "shipped" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await stockOf(to.id, product.id)).toBe(50);

    await confirmTransfer(db, source, { recommendationId: rec.id, step: "shipped" });
    expect((await listStoreTasks(db, destination)).transfers).toMatchObject([{ recommendationId: rec.id, step: "received" }]);
    await confirmTransfer(db, destination, { recommendationId: rec.id, step: "received", quantity: 11 });
    expect(await stockOf(from.id, product.id)).toBe(38);
    expect(await stockOf(to.id, product.id)).toBe(61);
    await expect(confirmTransfer(db, source, { recommendationId: rec.id, step: "shipped" })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await stockOf(from.id, product.id)).toBe(38);
    expect((await listStoreTasks(db, source)).transfers).toEqual([]);
    expect(await db.auditEvent.count({ where: { action: "transfer.confirmed", entityId: rec.id } })).toBe(2);
  });

  it("counts the transfers of the viewer's stores still waiting for approval, and no one else's", async () => {
    const [from, to, elsewhere] = [await createLocation(), await createLocation(), await createLocation()];
    const product = await createProduct();
    const exception = await createException({ location: to, product });
    await createRecommendation({ exception, recommendation: { status: "pending", quantity: 5, sourceLocationId: from.id, destLocationId: to.id } });
    await createRecommendation({ exception, recommendation: { status: "rejected", quantity: 5, sourceLocationId: from.id, destLocationId: to.id } });
    const source = await createUser("store_manager", { scopes: [{ kind: "STORE", value: from.code }] });
    const outsider = await createUser("store_manager", { scopes: [{ kind: "STORE", value: elsewhere.code }] });
    const tasks = await listStoreTasks(db, source);
    expect(tasks.transfersAwaitingApproval).toBe(1);
    expect(tasks.transfers).toEqual([]);
    expect((await listStoreTasks(db, outsider)).transfersAwaitingApproval).toBe(0);
  });

  it("a pending transfer is not confirmable", async () => {
    const from = await createLocation();
    const rec = await createRecommendation({ recommendation: { status: "pending", sourceLocationId: from.id, destLocationId: (await createLocation()).id } });
    const source = await createUser("store_manager", { scopes: [{ kind: "STORE", value: from.code }] });
    await expect(confirmTransfer(db, source, { recommendationId: rec.id, step: "shipped" })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
