import { describe, expect, it, vi } from "vitest";
import type { SessionUser } from "../../contracts/auth";
import { createRecommendation, createUser } from "../../test/factories";
import { POST as decide } from "../../../app/api/v1/recommendations/[id]/decisions/route";

const session = vi.hoisted(() => ({ current: null as SessionUser | null }));
vi.mock("../auth/get-session-user", () => ({ getSessionUser: async () => session.current }));

const scopes = [
  { kind: "REGION", value: "NORTH" },
  { kind: "CATEGORY", value: "SNACKS" },
] as const;

async function post(user: SessionUser, id: string, body: unknown) {
  session.current = user;
  const response = await decide(
    new Request(`http://localhost:3000/api/v1/recommendations/${id}/decisions`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: "http://localhost:3000" },
      body: JSON.stringify(body),
    }),
    { params: Promise.resolve({ id }) },
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("POST /api/v1/recommendations/[id]/decisions", () => {
  it("answers the second of two approvals at the same version with 409 naming who decided first", async () => {
    const rec = await createRecommendation();
    const ana = await createUser("planner", { scopes: [...scopes], name: "Ana Planner" });
    const ben = await createUser("planner", { scopes: [...scopes], name: "Ben Planner" });
    const answers = await Promise.all([
      post(ana, rec.id, { decision: "approve", expectedVersion: 1 }),
      post(ben, rec.id, { decision: "approve", expectedVersion: 1 }),
    ]);
    // Either request may reach the database first (on PostgreSQL under load the second sometimes does).
    const winner = answers.findIndex((answer) => answer.status === 200);
    expect(winner).toBeGreaterThanOrEqual(0);
    const [won, lost] = [answers[winner]!, answers[1 - winner]!];
    expect(won).toMatchObject({ body: { recommendation: { id: rec.id, status: "approved", version: 2 } } });
    expect(lost.status).toBe(409);
    expect(lost.body).toMatchObject({
      error: { code: "CONFLICT", message: expect.stringMatching(new RegExp(`^${winner === 0 ? "Ana" : "Ben"} Planner \\(planner\\) already approved this item at `)) },
    });
  });

  it("answers 422 with field errors for a rejection without a reason code, and changes nothing", async () => {
    const rec = await createRecommendation();
    const user = await createUser("planner", { scopes: [...scopes] });
    const res = await post(user, rec.id, { decision: "reject", expectedVersion: 1 });
    expect(res).toMatchObject({ status: 422, body: { error: { code: "VALIDATION_FAILED", fieldErrors: { reasonCode: expect.any(Array) } } } });
    expect(await post(user, rec.id, { decision: "reject", expectedVersion: 1, reasonCode: "timing" })).toMatchObject({
      status: 200,
      body: { recommendation: { status: "rejected", version: 2 } },
    });
  });
});
