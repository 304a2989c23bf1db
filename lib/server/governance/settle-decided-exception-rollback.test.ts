import { describe, expect, it, vi } from "vitest";
import { db } from "../db";
import { createPlanRun, createRecommendation, createUser } from "../../test/factories";
import { toDayNumber } from "../../engine/calendar";
import { approveRecommendation } from "./approve-recommendation";

// The exception cannot be settled: the decision must not commit without it.
vi.mock("./exception-transaction", () => ({
  writeExceptionChange: async () => {
    throw new Error("exception write failed");
  },
}));

describe("settling the exception is part of the decision's transaction", () => {
  it("rolls the approval back when the exception cannot be settled", async () => {
    const rec = await createRecommendation();
    const planner = await createUser("planner", { scopes: [{ kind: "REGION", value: "NORTH" }, { kind: "CATEGORY", value: "SNACKS" }] });
    await expect(approveRecommendation(db, planner, rec.id, { expectedVersion: 1 })).rejects.toThrow("exception write failed");
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: rec.id } })).toMatchObject({ status: "pending", version: 1 });
    expect(await db.decision.count({ where: { recommendationId: rec.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { entityId: rec.id } })).toBe(0);
    expect(await db.exception.findUniqueOrThrow({ where: { id: rec.exceptionId } })).toMatchObject({ status: "open" });
  });

  it("rolls back the forecast override an approved forecast change wrote, and queues no replan", async () => {
    const planRun = await createPlanRun();
    const rec = await createRecommendation({ planRun, recommendation: { actionType: "adjust_forecast", quantity: 3, proposedQuantity: 3 } });
    const exception = await db.exception.findUniqueOrThrow({ where: { id: rec.exceptionId } });
    const mean = Array<number>(14).fill(5);
    const chart = { historyFirstDay: toDayNumber(planRun.asOf) - 1, sales: [5], forecastFirstDay: toDayNumber(planRun.asOf), mean, p10: mean, p90: mean, median: mean, pessimistic: mean };
    const levels = { safetyStock: 1, reorderPoint: 2, orderUpToLevel: 3, onHand: 4, poArrivals: [], promotions: [], overrides: [], method: "ets", demandClass: "smooth", accuracy: null };
    await db.planRunSeries.create({ data: { planRunId: planRun.id, locationId: exception.locationId, productId: exception.productId, data: JSON.stringify({ ...chart, ...levels }) } });
    const planner = await createUser("planner", { scopes: [{ kind: "REGION", value: "NORTH" }, { kind: "CATEGORY", value: "SNACKS" }] });
    await expect(approveRecommendation(db, planner, rec.id, { expectedVersion: 1 })).rejects.toThrow("exception write failed");
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: rec.id } })).toMatchObject({ status: "pending", version: 1 });
    expect(await db.forecastOverride.count({ where: { sourceActionId: rec.id } })).toBe(0);
    expect(await db.auditEvent.count({ where: { action: "forecast.changed_by_approval", entityId: rec.exceptionId } })).toBe(0);
    // Nor is its series replanned: the replan is asked for only after the approval commits.
    expect(await db.planRun.count({ where: { status: "queued" } })).toBe(0);
  });
});
