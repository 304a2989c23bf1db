import { describe, expect, it } from "vitest";
import { db } from "../db";
import { verifyAuditChain } from "../audit/verify-audit-chain";
import { createException, createLocation, createProduct, createRecommendation, createUser } from "../../test/factories";
import { approveRecommendation } from "./approve-recommendation";
import type { TRejectRequest } from "../../contracts/governance";
import { getActivePolicy } from "./get-active-policy";
import { DecisionConflictError } from "./governance-errors";
import { modifyRecommendation } from "./modify-recommendation";
import { previewModification } from "./preview-modification";
import { rejectRecommendation } from "./reject-recommendation";

const NORTH_SNACKS = [
  { kind: "REGION", value: "NORTH" },
  { kind: "CATEGORY", value: "SNACKS" },
] as const;

const planner = () => createUser("planner", { scopes: [...NORTH_SNACKS] });
const buyer = () => createUser("buyer", { scopes: [{ kind: "CATEGORY", value: "SNACKS" }] });
const finance = () => createUser("finance");

/** The latest audit row about a recommendation (a decision's own; the exception's settlement follows it). */
async function lastAudit() {
  return db.auditEvent.findFirstOrThrow({ where: { entityType: "Recommendation" }, orderBy: { seq: "desc" } });
}

describe("approving", () => {
  it("approves a planner-tier action, records the Decision and the audit event in the same change", async () => {
    const rec = await createRecommendation();
    const approver = await planner();
    const { recommendation: approved } = await approveRecommendation(db, approver, rec.id, { expectedVersion: 1 });
    expect(approved).toMatchObject({ status: "approved", version: 2, decidedById: approver.id });
    const decisions = await db.decision.findMany({ where: { recommendationId: rec.id } });
    expect(decisions).toEqual([
      expect.objectContaining({ kind: "approve", fromStatus: "pending", toStatus: "approved", actorId: approver.id, policyVersion: 1 }),
    ]);
    const audit = await lastAudit();
    expect(audit).toMatchObject({
      action: "decision.approved",
      entityType: "Recommendation",
      entityId: rec.id,
      actorId: approver.id,
      actorRole: "planner",
      planRunId: rec.planRunId,
      policyVersion: 1,
    });
    expect(JSON.parse(audit.before!)).toMatchObject({ status: "pending", version: 1 });
    expect(JSON.parse(audit.after!)).toMatchObject({ status: "approved", version: 2 });
    expect(await verifyAuditChain(db)).toMatchObject({ status: "intact" });
  });

  it.each([
    // tier, action type, role that may approve, role that may not
    ["planner", "transfer", "planner", "executive"],
    ["manager", "raise_order", "buyer", "planner"],
    ["manager", "transfer", "finance", "buyer"],
    ["finance", "transfer", "finance", "planner"],
    ["finance", "raise_order", "finance", "buyer"],
    ["planner", "cycle_count", "store_manager", "buyer"],
    ["planner", "markdown", "planner", "store_manager"],
  ] as const)("a %s-tier %s is approved by %s, refused to %s", async (tier, actionType, allowedRole, refusedRole) => {
    const store = await createLocation({ region: "NORTH" });
    const scopes = {
      planner: [...NORTH_SNACKS],
      buyer: [{ kind: "CATEGORY", value: "SNACKS" }],
      store_manager: [{ kind: "STORE", value: store.code }],
      finance: [],
      executive: [],
      admin: [],
    } as const;
    const rec = await createRecommendation({ location: store, recommendation: { tier, actionType } });
    const refused = await createUser(refusedRole, { scopes: [...scopes[refusedRole]] });
    await expect(approveRecommendation(db, refused, rec.id, { expectedVersion: 1 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const allowed = await createUser(allowedRole, { scopes: [...scopes[allowedRole]] });
    await expect(approveRecommendation(db, allowed, rec.id, { expectedVersion: 1 })).resolves.toMatchObject({ recommendation: { status: "approved" } });
  });

  it("gives the finance tier only to the finance role, with a message that says so", async () => {
    const rec = await createRecommendation({ recommendation: { tier: "finance", value: 40_000, actionType: "raise_order" } });
    for (const approver of [await buyer(), await planner()]) {
      await expect(approveRecommendation(db, approver, rec.id, { expectedVersion: 1 })).rejects.toThrow(
        "This action needs finance approval, which only the finance role gives.",
      );
    }
  });

  it("answers 404 to an approver whose scopes do not cover the exception's region, store or category — even at a stale version", async () => {
    const south = await createLocation({ region: "SOUTH" });
    const dairy = await createProduct({ category: "DAIRY" });
    const outOfRegion = await createRecommendation({ location: south });
    const outOfCategory = await createRecommendation({ product: dairy });
    const approver = await planner();
    for (const rec of [outOfRegion, outOfCategory]) {
      // Exactly the answer for an id that does not exist: nothing about its type, state or deciders.
      for (const expectedVersion of [1, 99]) {
        await expect(approveRecommendation(db, approver, rec.id, { expectedVersion })).rejects.toMatchObject({
          code: "NOT_FOUND",
          message: "This recommendation was not found.",
        });
      }
      await expect(previewModification(db, approver, rec.id, { quantity: 10 })).rejects.toMatchObject({ code: "NOT_FOUND" });
    }
    const storeScoped = await createUser("planner", {
      scopes: [{ kind: "STORE", value: south.code }, { kind: "CATEGORY", value: "SNACKS" }],
    });
    await expect(approveRecommendation(db, storeScoped, outOfRegion.id, { expectedVersion: 1 })).resolves.toMatchObject({
      recommendation: { status: "approved" },
    });
  });

  it("hides everything from a scoped role that has no scope rows at all (fails closed)", async () => {
    const rec = await createRecommendation();
    const unscoped = await createUser("planner");
    await expect(approveRecommendation(db, unscoped, rec.id, { expectedVersion: 1 })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("answers 404 for a recommendation that does not exist", async () => {
    await expect(approveRecommendation(db, await planner(), "missing", { expectedVersion: 1 })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});

describe("segregation of duties", () => {
  it("bars whoever modified an action from its final approval, even after someone else changed it again", async () => {
    const rec = await createRecommendation();
    const first = await planner();
    const second = await planner();
    const modified = await modifyRecommendation(db, first, rec.id, { expectedVersion: 1, quantity: 120, reasonCode: "quantity_adjusted" });
    await expect(approveRecommendation(db, first, rec.id, { expectedVersion: modified.version })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("segregation of duties"),
    });
    const again = await modifyRecommendation(db, second, rec.id, { expectedVersion: modified.version, quantity: 110, reasonCode: "timing" });
    await expect(approveRecommendation(db, first, rec.id, { expectedVersion: again.version })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(approveRecommendation(db, second, rec.id, { expectedVersion: again.version })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const third = await planner();
    await expect(approveRecommendation(db, third, rec.id, { expectedVersion: again.version })).resolves.toMatchObject({ recommendation: { status: "approved" } });
  });
});

describe("modifying", () => {
  it("re-prices the action with the engine and re-routes it to the tier the new value needs, under the active policy", async () => {
    const policy = await getActivePolicy(db);
    const rec = await createRecommendation({ recommendation: { quantity: 100, value: 1_000, cost: 50, benefit: 400 } });
    const modifier = await planner();
    const modified = await modifyRecommendation(db, modifier, rec.id, {
      expectedVersion: 1,
      quantity: 800,
      reasonCode: "business_context",
      comment: "store event",
    });
    expect(modified).toMatchObject({
      status: "pending",
      tier: "manager",
      quantity: 800,
      // The factory's engine pricing: value 10 and cost 0.5 a unit, benefit 4 a unit for the first 100 units only.
      value: 8_000,
      cost: 400,
      benefit: 400,
      modifiedById: modifier.id,
      policyVersion: policy.version,
      version: 2,
    });
    expect(JSON.parse(modified.details).approvalRouting.reasons).toContain("value $8,000 is above the planner limit of $5,000");
    const audit = await lastAudit();
    expect(audit).toMatchObject({ action: "decision.modified", reason: "business_context: store event", policyVersion: policy.version });
    expect(JSON.parse(audit.before!)).toMatchObject({ quantity: 100, tier: "planner" });
    expect(JSON.parse(audit.after!)).toMatchObject({ quantity: 800, tier: "manager" });
    // The planner who could approve 1,000 can no longer approve 8,000; finance can.
    await expect(approveRecommendation(db, await planner(), rec.id, { expectedVersion: 2 })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(approveRecommendation(db, await finance(), rec.id, { expectedVersion: 2 })).resolves.toMatchObject({ recommendation: { status: "approved" } });
  });

  it("flows the engine's concave transfer benefit through: twice the units earn less than twice the benefit, and the tier follows the new value", async () => {
    const destination = { stock: 10, demand: { kind: "normal", mean: 120, sd: 16 }, unitMargin: 40, unitLeftoverCost: 0.5 };
    const source = { stock: 400, demand: { kind: "normal", mean: 80, sd: 13 }, unitMargin: 40, unitLeftoverCost: 0.5 };
    const pricing = { model: "stock-transfer", laneUnitCost: 0.6, unitCost: 40, source, destination };
    const atProposed = await createRecommendation({
      recommendation: { quantity: 60, value: 2_400, cost: 36, benefit: 0, details: JSON.stringify({ engineKind: "transfer-in", pricing }) },
    });
    const preview = await previewModification(db, await planner(), atProposed.id, { quantity: 60 });
    const doubled = await modifyRecommendation(db, await planner(), atProposed.id, { expectedVersion: 1, quantity: 120, reasonCode: "quantity_adjusted" });
    expect(preview).toMatchObject({ value: 2_400, cost: 36, tier: "planner" });
    expect(preview.benefit).toBeGreaterThan(1_000);
    expect(doubled).toMatchObject({ quantity: 120, value: 4_800, cost: 72, tier: "planner" });
    expect(doubled.benefit).toBeGreaterThan(preview.benefit);
    expect(doubled.benefit).toBeLessThan(2 * preview.benefit);
    expect(JSON.parse(doubled.details)).toMatchObject({ engineKind: "transfer-in", pricing, netBenefit: doubled.benefit - 72 });

    // Past the planner limit of 5,000 the same action needs a manager, and its benefit grows even less.
    const tripled = await modifyRecommendation(db, await planner(), atProposed.id, { expectedVersion: 2, quantity: 180, reasonCode: "quantity_adjusted" });
    expect(tripled).toMatchObject({ value: 7_200, tier: "manager" });
    expect(tripled.benefit - doubled.benefit).toBeLessThan(doubled.benefit - preview.benefit);
    expect(JSON.parse(tripled.details).approvalRouting.reasons).toContain("value $7,200 is above the planner limit of $5,000");
  });

  it("refuses to move more than the transfer's source holds, and a quantity it cannot re-price", async () => {
    const node = { stock: 30, demand: { kind: "poisson", mean: 12 }, unitMargin: 4, unitLeftoverCost: 0.1 };
    const transfer = await createRecommendation({
      recommendation: { quantity: 12, details: JSON.stringify({ pricing: { model: "stock-transfer", laneUnitCost: 0.6, unitCost: 6, source: node, destination: { ...node, stock: 0 } } }) },
    });
    await expect(modifyRecommendation(db, await planner(), transfer.id, { expectedVersion: 1, quantity: 31, reasonCode: "timing" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fieldErrors: { quantity: ["at most 30 units can be moved from the source"] },
    });
    const unpriced = await createRecommendation({ recommendation: { details: "{}" } });
    await expect(modifyRecommendation(db, await planner(), unpriced.id, { expectedVersion: 1, quantity: 5, reasonCode: "timing" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      message: expect.stringContaining("run the plan again"),
    });
  });

  it("refuses to change the quantity of a model review, which has none, and writes nothing", async () => {
    const review = await createRecommendation({ recommendation: { actionType: "review_model", quantity: 0, proposedQuantity: 0 } });
    const auditsBefore = await db.auditEvent.count();
    await expect(modifyRecommendation(db, await planner(), review.id, { expectedVersion: 1, quantity: 5, reasonCode: "timing" })).rejects.toMatchObject({
      message: expect.stringContaining("no quantity to change"),
    });
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: review.id } })).toMatchObject({ quantity: 0, version: 1 });
    expect(await db.auditEvent.count()).toBe(auditsBefore);
  });

  it("previews a modification without writing anything", async () => {
    const rec = await createRecommendation();
    const auditsBefore = await db.auditEvent.count();
    await expect(previewModification(db, await planner(), rec.id, { quantity: 800 })).resolves.toEqual({
      quantity: 800,
      cost: 400,
      benefit: 400,
      netBenefit: 0,
      value: 8_000,
      tier: "manager",
      routingReasons: expect.arrayContaining(["value $8,000 is above the planner limit of $5,000"]),
    });
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: rec.id } })).toMatchObject({ quantity: 100, version: 1, value: 1_000 });
    expect(await db.auditEvent.count()).toBe(auditsBefore);
    await expect(previewModification(db, await finance(), rec.id, { quantity: 50 })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });

  it("never lets a modified action fall to auto-approval", async () => {
    const rec = await createRecommendation({ recommendation: { quantity: 100, value: 1_000 } });
    const modified = await modifyRecommendation(db, await planner(), rec.id, { expectedVersion: 1, quantity: 10, reasonCode: "quantity_adjusted" });
    expect(modified).toMatchObject({ status: "pending", tier: "planner", value: 100 });
  });

  it("requires a reason code, and a comment when the reason is “other”", async () => {
    const rec = await createRecommendation();
    const modifier = await planner();
    await expect(
      modifyRecommendation(db, modifier, rec.id, { expectedVersion: 1, quantity: 5, reasonCode: "other" }),
    ).rejects.toThrow(/explain the reason/);
    await expect(modifyRecommendation(db, modifier, rec.id, { expectedVersion: 1, quantity: 100, reasonCode: "timing" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
  });

  it("is refused to finance, which approves but does not propose", async () => {
    const rec = await createRecommendation();
    await expect(
      modifyRecommendation(db, await finance(), rec.id, { expectedVersion: 1, quantity: 5, reasonCode: "timing" }),
    ).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("rejecting", () => {
  it("refuses a rejection without a reason code", async () => {
    const rec = await createRecommendation();
    // A caller outside TypeScript (a form post) can omit the field; the schema must still refuse it.
    const withoutReason = { expectedVersion: 1 } as unknown as TRejectRequest;
    await expect(rejectRecommendation(db, await planner(), rec.id, withoutReason)).rejects.toThrow(/reasonCode/);
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: rec.id } })).toMatchObject({ status: "pending", version: 1 });
  });

  it("rejects with a reason and audits it", async () => {
    const rec = await createRecommendation();
    const rejecter = await planner();
    const rejected = await rejectRecommendation(db, rejecter, rec.id, { expectedVersion: 1, reasonCode: "data_error", comment: "count is wrong" });
    expect(rejected).toMatchObject({ status: "rejected", reasonCode: "data_error", decidedById: rejecter.id });
    expect(await lastAudit()).toMatchObject({ action: "decision.rejected", reason: "data_error: count is wrong" });
  });
});

describe("state machine", () => {
  it.each([
    ["approved", "approve"],
    ["approved", "reject"],
    ["rejected", "approve"],
    ["exported", "modify"],
    ["superseded", "approve"],
    ["expired", "reject"],
    ["auto_approved", "approve"],
    ["proposed", "approve"],
  ] as const)("refuses to %2$s a %1$s action, with 409 and no side effect", async (status, kind) => {
    const rec = await createRecommendation({ recommendation: { status } });
    const actor = await planner();
    const attempt =
      kind === "approve"
        ? approveRecommendation(db, actor, rec.id, { expectedVersion: 1 })
        : kind === "reject"
          ? rejectRecommendation(db, actor, rec.id, { expectedVersion: 1, reasonCode: "timing" })
          : modifyRecommendation(db, actor, rec.id, { expectedVersion: 1, quantity: 3, reasonCode: "timing" });
    await expect(attempt).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/can no longer be|not been sent for approval/) });
    expect(await db.decision.count({ where: { recommendationId: rec.id } })).toBe(0);
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: rec.id } })).toMatchObject({ status, version: 1 });
  });

  it("answers a stale version with a conflict naming who decided first", async () => {
    const rec = await createRecommendation();
    const first = await createUser("planner", { scopes: [...NORTH_SNACKS], name: "Ana Planner" });
    await rejectRecommendation(db, first, rec.id, { expectedVersion: 1, reasonCode: "timing" });
    const late = approveRecommendation(db, await planner(), rec.id, { expectedVersion: 1 });
    await expect(late).rejects.toBeInstanceOf(DecisionConflictError);
    await expect(late).rejects.toMatchObject({
      status: 409,
      firstDecider: { userId: first.id, name: "Ana Planner", role: "planner", kind: "reject" },
      message: expect.stringMatching(/^Ana Planner \(planner\) already rejected this item at \d{4}-/),
    });
  });

  it("keeps the exception's other recommendations untouched", async () => {
    const exception = await createException();
    const a = await createRecommendation({ exception });
    const b = await createRecommendation({ exception, recommendation: { rank: 2 } });
    await approveRecommendation(db, await planner(), a.id, { expectedVersion: 1 });
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: b.id } })).toMatchObject({ status: "pending", version: 1 });
  });
});
