import { describe, expect, it } from "vitest";
import { buildSmallSnapshot, flatForecastStep } from "../plan/plan-fixtures";
import type { PlanSnapshot } from "../plan/plan-types";
import { runPlan } from "../plan/run-plan";
import { priceAction } from "./price-action";

/**
 * The small fixture with PO-7 (and PO-8) still open at ST2, which buys these SKUs from the supplier
 * directly, for far more than its policy needs, due in 20 days, so the supplier can still change
 * them. SKU3–SKU5 are "Pans", the others "Bedding".
 */
function overOrdered(lines: readonly { po: string; sku: string }[]): PlanSnapshot {
  const base = buildSmallSnapshot(7);
  return {
    ...base,
    locations: base.locations.map((location) => ({ ...location, name: location.type === "dc" ? "North DC" : `Store ${location.id.slice(2)}` })),
    products: base.products.map((product) => ({ ...product, name: `Product ${product.sku.slice(3)}`, category: ["SKU3", "SKU4", "SKU5"].includes(product.sku) ? "Pans" : "Bedding" })),
    purchaseOrders: lines.map(({ po, sku }) => ({ purchaseOrderId: po, supplierId: "SUP1", locationId: "ST2", sku, quantity: 5_000, orderDay: base.asOf - 5, promisedDay: base.asOf + 20 })),
  };
}

const cutsAtStore = (result: Awaited<ReturnType<typeof runPlan>>) =>
  result.exceptions.filter((exception) => exception.type === "excess-stock" && (exception.locationId === "ST2" || exception.group?.kind === "purchase-order"));

describe("cuts of one PO's lines at a node grouped per category", () => {
  it("one line above the policy stays its SKU's own cut", async () => {
    const cuts = cutsAtStore(await runPlan(overOrdered([{ po: "PO-7", sku: "SKU3" }]), {}, flatForecastStep));
    expect(cuts).toHaveLength(1);
    expect(cuts[0]).toMatchObject({ locationId: "ST2", sku: "SKU3" });
    expect(cuts[0]!.group).toBeUndefined();
    expect(cuts[0]!.actions[0]).toMatchObject({ kind: "cut-po", purchaseOrderId: "PO-7", destinationId: "ST2" });
  });

  it("a PO's lines of one category are one cut listing each SKU's line, money the sum", async () => {
    const single = cutsAtStore(await runPlan(overOrdered([{ po: "PO-7", sku: "SKU3" }]), {}, flatForecastStep))[0]!;
    const result = await runPlan(overOrdered(["SKU3", "SKU4", "SKU5"].map((sku) => ({ po: "PO-7", sku }))), {}, flatForecastStep);
    const cuts = cutsAtStore(result);
    expect(cuts).toHaveLength(1);
    const [group] = cuts;
    expect(group!.id).toBe("excess-stock:PO-7|ST2|Pans");
    expect(group).toMatchObject({ locationId: "ST2", purchaseOrderId: "PO-7" });
    expect(group!.sku).toBeUndefined();
    expect(group!.group).toMatchObject({ kind: "purchase-order", purchaseOrderId: "PO-7", locationId: "ST2", category: "Pans" });
    const members = group!.group!.members;
    expect(members.map((member) => member.sku).sort()).toEqual(["SKU3", "SKU4", "SKU5"]);
    expect(members.find((member) => member.sku === "SKU3")!.score).toEqual(single.score);

    expect(group!.actions).toHaveLength(1);
    const [cut] = group!.actions;
    expect(cut).toMatchObject({ kind: "cut-po", purchaseOrderId: "PO-7", destinationId: "ST2" });
    for (const line of cut!.lines!) {
      const member = members.find((candidate) => candidate.sku === line.sku)!;
      expect(line).toEqual({ locationId: "ST2", sku: member.sku, quantity: member.actions[0]!.quantity });
    }
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    expect(cut!.quantity).toBe(sum(cut!.lines!.map((line) => line.quantity)));
    expect(cut!.expectedBenefit).toBeCloseTo(sum(members.map((member) => member.actions[0]!.expectedBenefit)), 6);
    expect(cut!.governanceValue).toBeCloseTo(sum(members.map((member) => member.actions[0]!.governanceValue)), 6);
    expect(group!.score.moneyAtRisk).toBeCloseTo(sum(members.map((member) => member.score.moneyAtRisk)), 6);
    // Half the total, split pro rata across the lines, is priced as half the lines' benefit.
    expect(priceAction(cut!.pricing, cut!.quantity / 2).expectedBenefit).toBeCloseTo(cut!.expectedBenefit / 2, 6);
    expect(group!.drivers.find((driver) => driver.key === "lines")!.reference).toBe("SKU3,SKU4,SKU5");
    expect(group!.rootCause).toContain("3 lines of PO-7 at Store 2 above the policy (units to cut: Product ");
    expect(group!.rootCause).not.toMatch(/SKU\d/);
    // Units of different SKUs are a total across them, and say so; money needs no such note.
    const position = group!.drivers.find((driver) => driver.key === "inventory-position")!;
    expect(position.label).toMatch(/, the 3 SKUs together$/);
    expect(position.value).toBe(sum(members.map((member) => member.drivers.find((driver) => driver.key === "inventory-position")!.value)));
    expect(group!.drivers.find((driver) => driver.key === "carrying-cost")!.label).not.toMatch(/together/);
  });

  it("lines of another category, or of another PO, are not pulled in", async () => {
    const result = await runPlan(
      overOrdered([
        { po: "PO-7", sku: "SKU3" },
        { po: "PO-7", sku: "SKU6" },
        { po: "PO-8", sku: "SKU4" },
      ]),
      {},
      flatForecastStep,
    );
    const cuts = cutsAtStore(result);
    expect(cuts.every((exception) => exception.group === undefined)).toBe(true);
    expect(cuts.map((exception) => exception.sku).sort()).toEqual(["SKU3", "SKU4", "SKU6"]);
  });

  it("two runs on the same input give the same cut, lines in the same order", async () => {
    const snapshot = overOrdered(["SKU3", "SKU4", "SKU5"].map((sku) => ({ po: "PO-7", sku })));
    expect((await runPlan(snapshot, {}, flatForecastStep)).exceptions).toEqual((await runPlan(snapshot, {}, flatForecastStep)).exceptions);
  });
});
