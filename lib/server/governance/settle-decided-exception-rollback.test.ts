import { describe, expect, it, vi } from "vitest";
import { db } from "../db";
import { createRecommendation, createUser } from "../../test/factories";
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
});
