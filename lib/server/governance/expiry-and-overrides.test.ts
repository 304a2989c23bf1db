import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createRecommendation, createUser } from "../../test/factories";
import { getExceptionDetail } from "../exceptions/get-exception-detail";
import { approveRecommendation } from "./approve-recommendation";
import { listPendingApprovals } from "./list-pending-approvals";
import { expireDueRecommendations } from "./expire-recommendations";
import { getActivePolicy } from "./get-active-policy";
import { EXPIRY_HOURS_BY_ACTION_TYPE } from "./recommendation-expiry";
import { routeRecommendations } from "./route-recommendations";
import { MS_PER_DAY } from "../../engine/calendar";

const NORTH_SNACKS = [
  { kind: "REGION", value: "NORTH" },
  { kind: "CATEGORY", value: "SNACKS" },
] as const;
const planner = () => createUser("planner", { scopes: [...NORTH_SNACKS] });
const HOUR = 3_600_000;

describe("expiry", () => {
  it("gives each routed action an expiry by its type", async () => {
    await getActivePolicy(db);
    const now = new Date("2026-03-02T08:00:00.000Z");
    const transfer = await createRecommendation({ recommendation: { status: "proposed", actionType: "transfer", value: 9_000 } });
    const markdown = await createRecommendation({ recommendation: { status: "proposed", actionType: "markdown" } });
    await db.$transaction((tx) => routeRecommendations(tx, [transfer.id, markdown.id], undefined, now));
    const routed = await db.recommendation.findMany({ where: { id: { in: [transfer.id, markdown.id] } } });
    const expiry = (id: string) => routed.find((r) => r.id === id)!.expiresAt!.getTime() - now.getTime();
    expect(expiry(transfer.id)).toBe(EXPIRY_HOURS_BY_ACTION_TYPE.transfer * HOUR);
    expect(expiry(markdown.id)).toBe(EXPIRY_HOURS_BY_ACTION_TYPE.markdown * HOUR);
  });

  it("refuses to approve an expired item with 409, expiring it (audited) instead", async () => {
    const rec = await createRecommendation({ recommendation: { expiresAt: new Date(Date.now() - 60_000) } });
    await expect(approveRecommendation(db, await planner(), rec.id, { expectedVersion: 1 })).rejects.toMatchObject({ status: 409 });
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: rec.id } })).toMatchObject({ status: "expired", decidedById: null });
    expect(await db.auditEvent.count({ where: { action: "decision.expired", entityId: rec.id } })).toBe(1);
    expect(await db.decision.count({ where: { recommendationId: rec.id, kind: "approve" } })).toBe(0);
  });

  it("sweeps every expired item in one step (the first step of each plan run's publish)", async () => {
    const due = await createRecommendation({ recommendation: { expiresAt: new Date(Date.now() - 1_000) } });
    const fresh = await createRecommendation({ recommendation: { expiresAt: new Date(Date.now() + HOUR) } });
    expect(await db.$transaction((tx) => expireDueRecommendations(tx, new Date()))).toBeGreaterThanOrEqual(1);
    expect((await db.recommendation.findUniqueOrThrow({ where: { id: due.id } })).status).toBe("expired");
    expect((await db.recommendation.findUniqueOrThrow({ where: { id: fresh.id } })).status).toBe("pending");
  });
});

describe("segregation of duties with forecast overrides", () => {
  async function overrideBy(userId: string, rec: { exceptionId: string; createdAt: Date }) {
    const exception = await db.exception.findUniqueOrThrow({ where: { id: rec.exceptionId } });
    return db.forecastOverride.create({
      data: {
        locationId: exception.locationId,
        productId: exception.productId,
        createdById: userId,
        reasonCode: "promotion",
        startDate: new Date(Date.now() - MS_PER_DAY),
        endDate: new Date(Date.now() + 14 * MS_PER_DAY),
        overrideUnits: 40,
        statisticalUnits: 10,
        createdAt: new Date(rec.createdAt.getTime() - 60_000),
      },
    });
  }

  it("bars the planner whose forecast override produced the action from approving it; another planner may", async () => {
    const rec = await createRecommendation();
    const overrider = await planner();
    await overrideBy(overrider.id, rec);
    await expect(approveRecommendation(db, overrider, rec.id, { expectedVersion: 1 })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringContaining("segregation of duties"),
    });
    await expect(approveRecommendation(db, await planner(), rec.id, { expectedVersion: 1 })).resolves.toMatchObject({ recommendation: { status: "approved" } });
  });

  it("shows the overrider the same refusal in the inbox and on the exception page, before they try", async () => {
    const rec = await createRecommendation();
    const overrider = await planner();
    await overrideBy(overrider.id, rec);
    const item = (await listPendingApprovals(db, overrider, { limit: 200 })).items.find((i) => i.recommendationId === rec.id)!;
    expect(item).toMatchObject({ canApprove: false, blockedReason: expect.stringContaining("segregation of duties") });
    const view = (await getExceptionDetail(db, overrider, rec.exceptionId)).recommendations.find((r) => r.id === rec.id)!;
    expect(view.refusals.approve).toContain("segregation of duties");
    const other = await planner();
    expect((await listPendingApprovals(db, other, { limit: 200 })).items.find((i) => i.recommendationId === rec.id)).toMatchObject({ canApprove: true });
  });

  it("never auto-approves an action that follows a person's forecast override", async () => {
    await getActivePolicy(db);
    const rec = await createRecommendation({ recommendation: { status: "proposed", actionType: "transfer", value: 100, tier: "planner" } });
    await overrideBy((await planner()).id, rec);
    const summary = await db.$transaction((tx) => routeRecommendations(tx, [rec.id]));
    expect(summary).toEqual({ autoApproved: 0, pending: 1 });
    const routed = await db.recommendation.findUniqueOrThrow({ where: { id: rec.id } });
    expect(routed.details).toContain("a person changed this action");
  });
});
