import { describe, expect, it } from "vitest";
import { db } from "../db";
import { createApprovedRecommendation, createRecommendation } from "../../test/factories";
import { assessDecisionOutcomes } from "./assess-decision-outcomes";

describe("decision outcomes count only verified approvals", () => {
  it("leaves out an action whose approved status was written without a decision or audit record", async () => {
    await createApprovedRecommendation();
    await createRecommendation({ recommendation: { status: "approved", decidedAt: new Date(), decidedById: "someone" } });
    const summary = await assessDecisionOutcomes(db, {}, 0);
    expect(summary.approved).toBe(1);
  });
});
