/**
 * A decision settles the exception it answers inside its own transaction, whichever door it came
 * through: the exception page, the approvals inbox (single decision), batch approval, and the API.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Recommendation } from "@prisma/client";
import { POST as postExceptionDecision } from "@/app/api/v1/exceptions/[id]/decisions/route";
import { POST as postBatchApproval } from "@/app/api/v1/approvals/route";
import { POST as postRecommendationDecision } from "@/app/api/v1/recommendations/[id]/decisions/route";
import type { SessionUser } from "../../contracts/auth";
import { db } from "../db";
import { decideOnException } from "../exceptions/decide-on-exception";
import { createRecommendation, createUser, type TestUser } from "../../test/factories";

const session = vi.hoisted(() => ({ current: null as SessionUser | null }));
vi.mock("../auth/get-session-user", () => ({ getSessionUser: async () => session.current }));

let planner: TestUser;

beforeAll(async () => {
  planner = await createUser("planner", { scopes: [{ kind: "REGION", value: "NORTH" }, { kind: "CATEGORY", value: "SNACKS" }] });
});

async function post(handler: (request: Request, context: { params: Promise<unknown> }) => Promise<Response>, path: string, params: Record<string, string>, body: unknown) {
  session.current = planner;
  const response = await handler(
    new Request(`http://localhost:3000${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }),
    { params: Promise.resolve(params) },
  );
  expect(response.status, await response.clone().text()).toBe(200);
}

/** The exception left the queue, and its audit row directly follows the decision's: one transaction, one writer. */
async function expectSettled(rec: Recommendation, decision: "approved" | "rejected", closedReason: string) {
  const exception = await db.exception.findUniqueOrThrow({ where: { id: rec.exceptionId } });
  expect(exception).toMatchObject({ status: "resolved", closedReason });
  const decisionAudit = await db.auditEvent.findFirstOrThrow({ where: { entityType: "Recommendation", entityId: rec.id, action: `decision.${decision}` } });
  const resolvedAudit = await db.auditEvent.findFirstOrThrow({ where: { entityType: "Exception", entityId: rec.exceptionId, action: "exception.resolved" } });
  expect(resolvedAudit.seq).toBe(decisionAudit.seq + 1);
  expect(resolvedAudit.actorId).toBe(planner.id);
}

describe("a decision settles its exception, whatever the entry point", () => {
  it("on the exception page", async () => {
    const rec = await createRecommendation();
    await decideOnException(db, { ...planner, origin: "web test" }, rec.exceptionId, { decision: "approve", recommendationId: rec.id, expectedVersion: 1 });
    await expectSettled(rec, "approved", "action_approved");
  });

  it("from the approvals inbox (one decision)", async () => {
    const rec = await createRecommendation();
    await post(postRecommendationDecision, `/api/v1/recommendations/${rec.id}/decisions`, { id: rec.id }, { decision: "approve", expectedVersion: 1 });
    await expectSettled(rec, "approved", "action_approved");
  });

  it("by batch approval", async () => {
    const [first, second] = [await createRecommendation(), await createRecommendation()];
    await post(postBatchApproval, "/api/v1/approvals", {}, {
      items: [first, second].map((r) => ({ recommendationId: r.id, expectedVersion: 1 })),
      confirm: true,
    });
    await expectSettled(first, "approved", "action_approved");
    await expectSettled(second, "approved", "action_approved");
  });

  it("through the API, and a rejection settles only once no action is left open", async () => {
    const rec = await createRecommendation();
    const sibling = await createRecommendation({ exception: await db.exception.findUniqueOrThrow({ where: { id: rec.exceptionId } }), recommendation: { rank: 2 } });
    const path = `/api/v1/exceptions/${rec.exceptionId}/decisions`;
    await post(postExceptionDecision, path, { id: rec.exceptionId }, { decision: "reject", recommendationId: rec.id, expectedVersion: 1, reasonCode: "cost_too_high" });
    expect(await db.exception.findUniqueOrThrow({ where: { id: rec.exceptionId } })).toMatchObject({ status: "open" });
    await post(postExceptionDecision, path, { id: rec.exceptionId }, { decision: "reject", recommendationId: sibling.id, expectedVersion: 1, reasonCode: "timing" });
    await expectSettled(sibling, "rejected", "actions_rejected");
  });

  it("a modification leaves the exception open (the action is still pending)", async () => {
    const rec = await createRecommendation();
    await post(postRecommendationDecision, `/api/v1/recommendations/${rec.id}/decisions`, { id: rec.id }, { decision: "modify", expectedVersion: 1, quantity: 60, reasonCode: "quantity_adjusted" });
    expect(await db.exception.findUniqueOrThrow({ where: { id: rec.exceptionId } })).toMatchObject({ status: "open" });
  });
});
