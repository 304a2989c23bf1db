import { describe, expect, it } from "vitest";
import type { ActionKind, ExceptionType } from "../../engine/exceptions/exception-types";
import { ACTION_TYPES } from "../../contracts/governance";
import { actionTypeFromEngine, exceptionIdentityKey, exceptionTypeFromEngine, exceptionTypeToEngine, supplierCutOfIdentityKey } from "./engine-vocabulary";
import { EXCEPTION_TYPES } from "../../contracts/exceptions";

const ENGINE_TYPES: ExceptionType[] = [
  "projected-stockout",
  "excess-stock",
  "demand-deviation",
  "supplier-delay",
  "promotion-readiness",
  "inventory-inaccuracy",
  "forecast-drift",
];
const ENGINE_ACTIONS: ActionKind[] = [
  "transfer-in",
  "transfer-out",
  "expedite-po",
  "raise-order",
  "cut-po",
  "cancel-po",
  "markdown",
  "adjust-forecast",
  "cycle-count",
  "review-model",
  "confirm-po",
];

describe("engine vocabulary", () => {
  it("maps the engine's exception types one-to-one onto the stored taxonomy", () => {
    expect(exceptionTypeFromEngine("projected-stockout")).toBe("stockout");
    expect(exceptionTypeFromEngine("excess-stock")).toBe("excess");
    const stored = ENGINE_TYPES.map(exceptionTypeFromEngine);
    expect([...stored].sort()).toEqual([...EXCEPTION_TYPES].sort());
    for (const type of ENGINE_TYPES) expect(exceptionTypeToEngine(exceptionTypeFromEngine(type))).toBe(type);
  });

  it("maps every engine action onto a governance action type, merging directions of transfers", () => {
    expect(actionTypeFromEngine("transfer-in")).toBe("transfer");
    expect(actionTypeFromEngine("transfer-out")).toBe("transfer");
    expect(actionTypeFromEngine("cancel-po")).toBe("cut_po");
    expect(actionTypeFromEngine("expedite-po")).toBe("expedite_po");
    for (const kind of ENGINE_ACTIONS) expect(ACTION_TYPES).toContain(actionTypeFromEngine(kind));
    expect(new Set(ENGINE_ACTIONS.map(actionTypeFromEngine))).toEqual(new Set(ACTION_TYPES));
  });

  it("keys series exceptions by type, location and product, and PO or promotion exceptions by their subject too", () => {
    expect(exceptionIdentityKey({ type: "stockout", locationId: 3, productId: 7 })).toBe("stockout|3|7");
    expect(exceptionIdentityKey({ type: "demand_deviation", locationId: 3, productId: 7, subjectReference: "x" })).toBe("demand_deviation|3|7");
    // A cluster's stock-out order and excess are the cluster's; a supplier's cuts across SKUs and POs are the supplier's, whichever SKU files them.
    expect(exceptionIdentityKey({ type: "stockout", locationId: 3, productId: 7, subjectReference: "North/urban" })).toBe("stockout|3|7|cluster:North/urban");
    expect(exceptionIdentityKey({ type: "excess", locationId: 3, productId: 7, subjectReference: "North/urban" })).toBe("excess|3|7|cluster:North/urban");
    expect(exceptionIdentityKey({ type: "excess", locationId: 3, productId: 7, supplierCut: "SUP-1/Pans" })).toBe("excess|3|supplier-cut:SUP-1/Pans");
    expect(supplierCutOfIdentityKey("excess|3|supplier-cut:SUP-1/Pots/Pans")).toEqual({ supplierCode: "SUP-1", category: "Pots/Pans" });
    expect(supplierCutOfIdentityKey("excess|3|7|cluster:North/urban")).toBeNull();
    expect(exceptionIdentityKey({ type: "supplier_delay", locationId: 3, productId: 7, subjectReference: "PO-1" })).toBe(
      "supplier_delay|3|7|po:PO-1",
    );
    expect(exceptionIdentityKey({ type: "promotion_readiness", locationId: 3, productId: 7, subjectReference: "P9" })).toBe(
      "promotion_readiness|3|7|promo:P9",
    );
  });
});
