import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createLocation, createProduct } from "../../test/factories";
import { getDataCoverage } from "./get-data-coverage";

const NOW = new Date("2026-03-10T09:00:00Z");

describe("getDataCoverage", () => {
  it("names what is missing on an empty database", async () => {
    expect(await getDataCoverage(db, NOW)).toMatchObject({ salesFrom: null, salesTo: null, salesAgeDays: null, missing: ["locations", "products", "sales", "stock counts"] });
  });

  it("reads the sales window and its age, the latest stock count, open orders and current promotions from the tables", async () => {
    const store = await createLocation();
    const product = await createProduct();
    for (const date of ["2026-01-05", "2026-03-07"]) {
      await db.salesDaily.create({ data: { locationId: store.id, productId: product.id, date: new Date(`${date}T00:00:00Z`), units: 2, revenue: 10 } });
    }
    await db.inventoryPosition.create({ data: { locationId: store.id, productId: product.id, asOf: new Date("2026-03-08T00:00:00Z"), onHand: 4 } });
    const po = { supplierId: product.supplierId, destinationLocationId: store.id, orderedAt: NOW, promisedAt: NOW };
    await db.purchaseOrder.create({ data: { ...po, poNumber: "PO-OPEN", status: "OPEN" } });
    await db.purchaseOrder.create({ data: { ...po, poNumber: "PO-DONE", status: "RECEIVED" } });
    await db.promotion.create({ data: { code: "OLD", name: "Old", startDate: new Date("2026-01-01"), endDate: new Date("2026-01-10"), expectedUplift: 0.2 } });
    await db.promotion.create({ data: { code: "NEXT", name: "Next", startDate: new Date("2026-03-20"), endDate: new Date("2026-03-30"), expectedUplift: 0.2 } });

    expect(await getDataCoverage(db, NOW)).toEqual({
      salesFrom: "2026-01-05",
      salesTo: "2026-03-07",
      salesAgeDays: 3,
      locations: 1,
      products: 1,
      inventoryAsOf: "2026-03-08",
      openPurchaseOrders: 1,
      currentPromotions: 1,
      missing: [],
    });
  });
});
