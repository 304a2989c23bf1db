import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createException, createLocation, createProduct, createRecommendation, createUser } from "../../test/factories";
import { approvalTotals } from "../../contracts/governance";
import { listPendingApprovals } from "./list-pending-approvals";
import { modifyRecommendation } from "./modify-recommendation";

const HOUR_MS = 3_600_000;
describe("approvals inbox", () => {
  it("shows finance the finance-tier items and the manager-tier items no buyer approves with impact, root cause and SLA age, most overdue first", async () => {
    const product = await createProduct({ unitCost: 3 });
    const now = new Date();
    const overdue = await createRecommendation({
      product,
      recommendation: { tier: "finance", value: 40_000, actionType: "raise_order", quantity: 1_000, cost: 500, benefit: 2_500, createdAt: new Date(now.getTime() - 80 * HOUR_MS) },
    });
    const recent = await createRecommendation({ recommendation: { tier: "manager", value: 9_000, createdAt: new Date(now.getTime() - 2 * HOUR_MS) } });
    await createRecommendation({ recommendation: { tier: "planner" } });
    await createRecommendation({ recommendation: { tier: "manager", actionType: "cut_po" } });
    await createRecommendation({ recommendation: { tier: "finance", status: "approved" } });

    const inbox = await listPendingApprovals(db, await createUser("finance"), { limit: 200 }, now);
    expect(inbox.items.map((i) => i.recommendationId)).toEqual([overdue.id, recent.id]);
    expect(inbox.items[0]).toMatchObject({
      tier: "finance",
      value: 40_000,
      marginImpact: 2_000,
      workingCapitalImpact: 3_000,
      slaHours: 72,
      slaStatus: "overdue",
      rootCause: expect.stringContaining("Projected stockout"),
      canApprove: true,
      blockedReason: null,
    });
    expect(inbox.items[0]!.ageHours).toBeCloseTo(80, 1);
    expect(inbox.items[1]).toMatchObject({ slaStatus: "within", slaHours: 48, workingCapitalImpact: 0 });
    expect(inbox.totals).toEqual({ items: 2, exceptions: 2, value: 49_000, overdue: 1 });
    expect(inbox.tiers).toEqual(["manager", "finance"]);
    expect(inbox.confirmAboveValue).toBe(10_000);
  });

  it("counts one action per exception in the totals, lists the alternatives, and shows finance what waits with the buyer", async () => {
    const product = await createProduct({ category: "TOYS", name: "Wooden train" });
    const first = await createRecommendation({ product, recommendation: { tier: "finance", rank: 1, value: 30_000, actionType: "raise_order" } });
    const exception = await db.exception.findUniqueOrThrow({ where: { id: first.exceptionId } });
    const second = await createRecommendation({ exception, recommendation: { tier: "finance", rank: 2, value: 20_000, actionType: "raise_order", poNumber: "PO-7" } });
    const buyers = await createRecommendation({ product, recommendation: { tier: "manager", rank: 1, value: 16_000, actionType: "expedite_po", poNumber: "PO-9" } });
    const finance = await createUser("finance");
    const inbox = await listPendingApprovals(db, finance, { limit: 200 });
    const mine = inbox.items.filter((i) => i.exceptionId === exception.id);
    expect(mine.map((i) => i.recommendationId).sort()).toEqual([first.id, second.id].sort());
    expect(mine.find((i) => i.recommendationId === first.id)).toMatchObject({
      productName: "Wooden train",
      optionCount: 2,
      alternatives: [{ recommendationId: second.id, rank: 2, poNumber: "PO-7", status: "pending" }],
      designated: true,
    });
    const toys = inbox.items.filter((i) => i.category === "TOYS");
    expect(toys).toHaveLength(2);
    // Only the first choice of the exception counts: 30 000, not 50 000.
    expect(approvalTotals(toys)).toMatchObject({ items: 2, exceptions: 1, value: 30_000 });
    expect(inbox.elsewhere.find((i) => i.recommendationId === buyers.id)).toMatchObject({ designated: false, waitingFor: ["Buyer"], canApprove: true, poNumber: "PO-9" });
    expect(inbox.items.some((i) => i.recommendationId === buyers.id)).toBe(false);
  });

  it("shows a buyer only supplier actions of their categories up to the manager tier", async () => {
    // Own category so the items of the other tests in this file stay out of the buyer's view.
    const bakery = await createProduct({ category: "BAKERY" });
    const dairy = await createProduct({ category: "DAIRY" });
    const mine = await createRecommendation({ product: bakery, recommendation: { tier: "manager", actionType: "expedite_po" } });
    await createRecommendation({ product: bakery, recommendation: { tier: "manager", actionType: "transfer" } });
    await createRecommendation({ product: dairy, recommendation: { tier: "manager", actionType: "expedite_po" } });
    await createRecommendation({ product: bakery, recommendation: { tier: "finance", actionType: "raise_order" } });
    const buyer = await createUser("buyer", { scopes: [{ kind: "CATEGORY", value: "BAKERY" }] });
    const inbox = await listPendingApprovals(db, buyer, { limit: 200 });
    expect(inbox.items.map((i) => i.recommendationId)).toEqual([mine.id]);
  });

  it("lists an item below the value bar after those that need a person, however overdue, and says it is below the bar", async () => {
    const now = new Date();
    const garden = await createProduct({ category: "GARDEN" });
    const belowBar = await createException({ product: garden, overrides: { identityKey: "stockout|bar|below", belowValueBar: true } });
    const small = await createRecommendation({ exception: belowBar, recommendation: { tier: "manager", actionType: "expedite_po", cost: 10, benefit: 40, createdAt: new Date(now.getTime() - 100 * HOUR_MS) } });
    const needed = await createRecommendation({ product: garden, recommendation: { tier: "manager", actionType: "expedite_po", createdAt: new Date(now.getTime() - HOUR_MS) } });
    const buyer = await createUser("buyer", { scopes: [{ kind: "CATEGORY", value: "GARDEN" }] });
    const inbox = await listPendingApprovals(db, buyer, { limit: 200 }, now);
    expect(inbox.items.map((i) => [i.recommendationId, i.belowValueBar])).toEqual([
      [needed.id, false],
      [small.id, true],
    ]);
  });

  it("keeps a store manager to their own stores and shows the modifier their item as not theirs to approve", async () => {
    const store = await createLocation({ region: "SOUTH" });
    const inStore = await createRecommendation({ location: store });
    await createRecommendation();
    const manager = await createUser("store_manager", { scopes: [{ kind: "STORE", value: store.code }] });
    const modified = await modifyRecommendation(db, manager, inStore.id, { expectedVersion: 1, quantity: 50, reasonCode: "capacity_constraint" });
    const inbox = await listPendingApprovals(db, manager, { limit: 200 });
    expect(inbox.items).toEqual([
      expect.objectContaining({
        recommendationId: inStore.id,
        version: modified.version,
        canApprove: false,
        modifiedBy: { id: manager.id, name: manager.name },
        blockedReason: expect.stringContaining("segregation of duties"),
      }),
    ]);
  });

  it("is refused to roles that approve nothing", async () => {
    await expect(listPendingApprovals(db, await createUser("executive"), { limit: 200 })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
