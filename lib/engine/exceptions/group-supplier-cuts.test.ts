import { describe, expect, it } from "vitest";
import { buildSmallSnapshot, flatForecastStep } from "../plan/plan-fixtures";
import type { PlanSnapshot } from "../plan/plan-types";
import { runPlan } from "../plan/run-plan";
import { priceAction } from "./price-action";

/**
 * The small fixture with open POs at ST2, which buys these SKUs from their suppliers directly, for
 * far more than its policy needs, due in 20 days (PO-8 in 25), so the suppliers can still change
 * them. SKU3–SKU5 are "Pans", the others "Bedding"; every PO is SUP1's unless it says otherwise.
 */
function overOrdered(lines: readonly { po: string; sku: string; supplier?: string; location?: string }[]): PlanSnapshot {
  const base = buildSmallSnapshot(7);
  return {
    ...base,
    locations: base.locations.map((location) => ({ ...location, name: location.type === "dc" ? "North DC" : `Store ${location.id.slice(2)}` })),
    products: base.products.map((product) => ({ ...product, name: `Product ${product.sku.slice(3)}`, category: ["SKU3", "SKU4", "SKU5"].includes(product.sku) ? "Pans" : "Bedding" })),
    purchaseOrders: lines.map(({ po, sku, supplier, location }) => ({
      purchaseOrderId: po,
      supplierId: supplier ?? "SUP1",
      locationId: location ?? "ST2",
      sku,
      quantity: 5_000,
      orderDay: base.asOf - 5,
      promisedDay: base.asOf + (po === "PO-8" ? 25 : 20),
    })),
  };
}

const cutsAt = (result: Awaited<ReturnType<typeof runPlan>>, locationId = "ST2") =>
  result.exceptions.filter((exception) => exception.type === "excess-stock" && exception.locationId === locationId && exception.actions.some((action) => action.kind === "cut-po" || action.kind === "cancel-po"));
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

describe("a node's cuts of one supplier's open orders grouped per category", () => {
  it("one SKU above the policy stays its SKU's own cut", async () => {
    const cuts = cutsAt(await runPlan(overOrdered([{ po: "PO-7", sku: "SKU3" }]), {}, flatForecastStep));
    expect(cuts).toHaveLength(1);
    expect(cuts[0]).toMatchObject({ locationId: "ST2", sku: "SKU3" });
    expect(cuts[0]!.group).toBeUndefined();
    expect(cuts[0]!.actions[0]).toMatchObject({ kind: "cut-po", purchaseOrderId: "PO-7", destinationId: "ST2" });
  });

  it("one supplier's lines of one category on several POs are one cut listing each line with its PO, money the sum", async () => {
    const single = cutsAt(await runPlan(overOrdered([{ po: "PO-7", sku: "SKU3" }]), {}, flatForecastStep))[0]!;
    const result = await runPlan(
      overOrdered([
        { po: "PO-7", sku: "SKU3" },
        { po: "PO-7", sku: "SKU4" },
        { po: "PO-8", sku: "SKU5" },
        // A second line of SKU4 on another PO: both of its lines are cut in the one decision.
        { po: "PO-8", sku: "SKU4" },
      ]),
      {},
      flatForecastStep,
    );
    const cuts = cutsAt(result);
    expect(cuts).toHaveLength(1);
    const [group] = cuts;
    expect(group!.id).toBe("excess-stock:ST2|SUP1|Pans");
    expect(group).toMatchObject({ locationId: "ST2", supplierId: "SUP1" });
    expect(group!.sku).toBeUndefined();
    expect(group!.purchaseOrderId).toBeUndefined();
    expect(group!.group).toMatchObject({ kind: "supplier-orders", supplierId: "SUP1", locationId: "ST2", category: "Pans", purchaseOrderIds: ["PO-7", "PO-8"] });
    const members = group!.group!.members;
    expect(members.map((member) => member.sku).sort()).toEqual(["SKU3", "SKU4", "SKU5"]);
    expect(members.find((member) => member.sku === "SKU3")!.score).toEqual(single.score);

    expect(group!.actions).toHaveLength(1);
    const [cut] = group!.actions;
    // Lines on two POs: each names its own, the action none.
    expect(cut).toMatchObject({ kind: "cut-po", destinationId: "ST2" });
    expect(cut!.purchaseOrderId).toBeUndefined();
    // Every cut each member's excess asks of the supplier's lines, no more.
    const memberCuts = members.flatMap((member) => member.actions.filter((action) => action.kind === "cut-po" || action.kind === "cancel-po").map((action) => ({ member, action })));
    expect(cut!.lines).toHaveLength(memberCuts.length);
    for (const { member, action } of memberCuts) {
      expect(cut!.lines).toContainEqual({ locationId: "ST2", sku: member.sku, purchaseOrderId: action.purchaseOrderId, quantity: action.quantity });
    }
    expect(cut!.lines!.filter((line) => line.sku === "SKU4").map((line) => line.purchaseOrderId)).toEqual(["PO-7", "PO-8"]);
    expect(cut!.quantity).toBe(sum(cut!.lines!.map((line) => line.quantity)));
    expect(cut!.expectedBenefit).toBeCloseTo(sum(memberCuts.map(({ action }) => action.expectedBenefit)), 6);
    expect(cut!.governanceValue).toBeCloseTo(sum(memberCuts.map(({ action }) => action.governanceValue)), 6);
    expect(group!.score.moneyAtRisk).toBeCloseTo(sum(members.map((member) => member.score.moneyAtRisk)), 6);
    // Half the total, split pro rata across the lines, is priced as half the lines' benefit.
    expect(priceAction(cut!.pricing, cut!.quantity / 2).expectedBenefit).toBeCloseTo(cut!.expectedBenefit / 2, 6);
    expect(group!.drivers.find((driver) => driver.key === "lines")!.reference).toBe(cut!.lines!.map((line) => `${line.purchaseOrderId}:${line.sku}`).sort().join(","));
    expect(group!.drivers.find((driver) => driver.key === "purchase-orders")).toMatchObject({ value: 2, reference: "PO-7,PO-8" });
    expect(group!.drivers.find((driver) => driver.key === "skus")).toMatchObject({ value: 3 });
    expect(group!.rootCause).toContain(`${cut!.lines!.length} lines of supplier SUP1's open orders at Store 2 above the policy (units to cut: Product `);
    expect(group!.rootCause).toContain("2 POs (PO-7, PO-8)");
    // Lines on several POs each say which.
    expect(group!.rootCause).toMatch(/units to cut: Product \d+ \d+ on PO-[78],/);
    expect(group!.rootCause).not.toMatch(/SKU\d/);
    // Units of different SKUs are a total across them, and say so; money needs no such note.
    const position = group!.drivers.find((driver) => driver.key === "inventory-position")!;
    expect(position.label).toMatch(/, the 3 SKUs together$/);
    expect(group!.drivers.find((driver) => driver.key === "carrying-cost")!.label).not.toMatch(/together/);
  });

  it("one PO's lines are one cut on that PO", async () => {
    const cuts = cutsAt(await runPlan(overOrdered(["SKU3", "SKU4"].map((sku) => ({ po: "PO-7", sku }))), {}, flatForecastStep));
    expect(cuts).toHaveLength(1);
    expect(cuts[0]!.actions[0]).toMatchObject({ kind: "cut-po", purchaseOrderId: "PO-7" });
    expect(cuts[0]!.actions[0]!.lines!.every((line) => line.purchaseOrderId === "PO-7")).toBe(true);
    // The one PO is named once, not on every line.
    expect(cuts[0]!.rootCause).toContain("1 PO (PO-7)");
    expect(cuts[0]!.rootCause).not.toMatch(/\d on PO-7/);
  });

  it("lines of another category, another supplier or another node are not pulled in", async () => {
    const result = await runPlan(
      overOrdered([
        { po: "PO-7", sku: "SKU3" },
        // Same supplier, other category.
        { po: "PO-7", sku: "SKU6" },
        // Same category, other supplier.
        { po: "PO-9", sku: "SKU4", supplier: "SUP2" },
        // Same supplier and category, other node.
        { po: "PO-10", sku: "SKU5", location: "ST3" },
      ]),
      {},
      flatForecastStep,
    );
    const cuts = [...cutsAt(result), ...cutsAt(result, "ST3")];
    expect(cuts.every((exception) => exception.group === undefined)).toBe(true);
    expect(cuts.map((exception) => exception.sku).sort()).toEqual(["SKU3", "SKU4", "SKU5", "SKU6"]);
  });

  it("two runs on the same input give the same cut, lines in the same order", async () => {
    const snapshot = overOrdered([
      { po: "PO-8", sku: "SKU5" },
      { po: "PO-7", sku: "SKU3" },
      { po: "PO-7", sku: "SKU4" },
    ]);
    expect((await runPlan(snapshot, {}, flatForecastStep)).exceptions).toEqual((await runPlan(snapshot, {}, flatForecastStep)).exceptions);
  });
});
