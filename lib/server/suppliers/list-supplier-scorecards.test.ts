import { describe, expect, it } from "vitest";
import { db } from "../db";
import { MS_PER_DAY } from "../../engine/calendar";
import { createException, createLocation, createPlanRun, createProduct, createRecommendation, createSupplier, createUser } from "../../test/factories";
import { listSupplierScorecards } from "./list-supplier-scorecards";

const day = (n: number) => new Date(Date.UTC(2026, 5, 1) + n * MS_PER_DAY);

async function purchaseOrder(poNumber: string, supplierId: number, destinationLocationId: number, productId: number, ordered: number, promised: number, received: number | null, qtyReceived?: number) {
  await db.purchaseOrder.create({
    data: {
      poNumber,
      supplierId,
      destinationLocationId,
      orderedAt: day(ordered),
      promisedAt: day(promised),
      status: received === null ? "OPEN" : "RECEIVED",
      lines: { create: [{ lineNo: 1, productId, qtyOrdered: 10, qtyReceived: received === null ? 0 : (qtyReceived ?? 10), receivedAt: received === null ? null : day(received) }] },
    },
  });
}

describe("listSupplierScorecards", () => {
  it("scores the suppliers of the buyer's categories from their POs and counts their open supplier work; other categories stay out", async () => {
    const run = await createPlanRun({ asOf: day(60) });
    const dc = await createLocation({ type: "DC" });
    const harbor = await createSupplier({ name: "Harbor Trading", promisedLeadTimeDays: 10 });
    const other = await createSupplier({ name: "Other Foods" });
    const chips = await createProduct({ supplierId: harbor.id, category: "SNACKS" });
    const milk = await createProduct({ supplierId: other.id, category: "DAIRY" });
    await purchaseOrder("PO-1", harbor.id, dc.id, chips.id, 0, 10, 9);
    await purchaseOrder("PO-2", harbor.id, dc.id, chips.id, 5, 15, 20, 8);
    await purchaseOrder("PO-3", harbor.id, dc.id, chips.id, 30, 40, null);
    await purchaseOrder("PO-4", other.id, dc.id, milk.id, 0, 7, 30);
    await createRecommendation({ exception: await createException({ planRun: run, location: dc, product: chips }), recommendation: { actionType: "expedite_po", tier: "manager" } });
    await createException({ planRun: run, location: dc, product: chips, overrides: { type: "excess", moneyAtRisk: 250 } });

    const buyer = await createUser("buyer", { scopes: [{ kind: "CATEGORY", value: "SNACKS" }] });
    const { asOf, suppliers } = await listSupplierScorecards(db, buyer);
    expect(asOf).toBe("2026-07-31");
    expect(suppliers.map((s) => s.name)).toEqual(["Harbor Trading"]);
    expect(suppliers[0]).toMatchObject({
      openExceptions: 2,
      openSupplierWork: 1,
      moneyAtRisk: 1_250,
      receivedLines: 2,
      onTimeRate: 0.5,
      promisedLeadTimeDays: 10,
      leadTimeMedianDays: 12,
      fillRate: 18 / 20,
      openLatePurchaseOrders: 1,
      openLateUnits: 10,
    });

    const unscoped = await createUser("buyer");
    expect((await listSupplierScorecards(db, unscoped)).suppliers).toEqual([]);
  });
});
