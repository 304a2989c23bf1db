import { beforeEach, describe, expect, it, vi } from "vitest";
import type { SessionUser } from "@/lib/contracts/auth";
import { createException, createLocation, createPlanRun, createRecommendation } from "@/lib/test/factories";

const session = vi.hoisted(() => ({ user: null as SessionUser | null }));
vi.mock("@/lib/server/auth/get-session-user", () => ({ getSessionUser: async () => session.user }));
// The queue would start a child process running plans against the test database; enqueuing is what is tested here.
vi.mock("@/lib/server/plan-runs/plan-run-queue", () => ({ startPlanRunQueue: async () => undefined }));
vi.mock("@/lib/server/plan-runs/ensure-plan-runner", () => ({ ensurePlanRunner: () => undefined }));

const { GET: listExceptionsRoute } = await import("./route");
const { GET: exceptionDetailRoute } = await import("./[id]/route");
const { POST: decideRoute } = await import("./[id]/decisions/route");
const { GET: listPlanRunsRoute, POST: startPlanRunRoute } = await import("../plan-runs/route");
const { GET: planRunRoute } = await import("../plan-runs/[id]/route");

const as = (role: SessionUser["role"], scopes: SessionUser["scopes"] = []): SessionUser => ({ id: `u-${role}`, email: `${role}@t`, name: role, role, scopes });
const context = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
const get = (url: string) => new Request(`http://localhost${url}`);
const post = (url: string, body: unknown) =>
  new Request(`http://localhost${url}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

beforeEach(() => {
  session.user = null;
});

describe("exception and plan-run routes", () => {
  it("answer 401 without a session", async () => {
    expect((await listExceptionsRoute(get("/api/v1/exceptions"), context())).status).toBe(401);
    expect((await exceptionDetailRoute(get("/api/v1/exceptions/x"), context({ id: "x" }))).status).toBe(401);
    expect((await decideRoute(post("/api/v1/exceptions/x/decisions", { decision: "comment", body: "hi" }), context({ id: "x" }))).status).toBe(401);
    expect((await listPlanRunsRoute(get("/api/v1/plan-runs"), context())).status).toBe(401);
    expect((await startPlanRunRoute(post("/api/v1/plan-runs", {}), context())).status).toBe(401);
    expect((await planRunRoute(get("/api/v1/plan-runs/x"), context({ id: "x" }))).status).toBe(401);
  });

  it("answer 403 outside the role, 404 outside the scope", async () => {
    const south = await createLocation({ region: "SOUTH" });
    const exception = await createException({ location: south });
    session.user = as("buyer", [{ kind: "CATEGORY", value: "SNACKS" }]);
    expect((await startPlanRunRoute(post("/api/v1/plan-runs", {}), context())).status).toBe(403);
    session.user = as("store_manager", [{ kind: "STORE", value: "ELSEWHERE" }]);
    expect((await planRunRoute(get("/api/v1/plan-runs/x"), context({ id: "x" }))).status).toBe(403);
    const detail = await exceptionDetailRoute(get(`/api/v1/exceptions/${exception.id}`), context({ id: exception.id }));
    expect(detail.status).toBe(404);
    const page = await (await listExceptionsRoute(get("/api/v1/exceptions"), context())).json();
    expect(page).toEqual({ items: [], nextCursor: null, total: 0, dailyCap: null });
    session.user = as("executive");
    const comment = await decideRoute(post(`/api/v1/exceptions/${exception.id}/decisions`, { decision: "comment", body: "hi" }), context({ id: exception.id }));
    expect(comment.status).toBe(403);
  });

  it("list, show and decide for a user in scope; 422 on a bad body; 409 on a stale version", async () => {
    const rec = await createRecommendation();
    session.user = as("planner", [{ kind: "REGION", value: "NORTH" }, { kind: "CATEGORY", value: "SNACKS" }]);
    const page = await (await listExceptionsRoute(get("/api/v1/exceptions?sort=moneyAtRisk&limit=10"), context())).json();
    expect(page.items.map((item: { id: string }) => item.id)).toContain(rec.exceptionId);
    const detail = await exceptionDetailRoute(get(`/api/v1/exceptions/${rec.exceptionId}`), context({ id: rec.exceptionId }));
    expect(detail.status).toBe(200);
    expect((await detail.json()).recommendations[0].id).toBe(rec.id);
    const bad = await decideRoute(post(`/api/v1/exceptions/${rec.exceptionId}/decisions`, { decision: "reject", recommendationId: rec.id }), context({ id: rec.exceptionId }));
    expect(bad.status).toBe(422);
    const stale = await decideRoute(
      post(`/api/v1/exceptions/${rec.exceptionId}/decisions`, { decision: "modify", recommendationId: rec.id, expectedVersion: 7, quantity: 50, reasonCode: "timing" }),
      context({ id: rec.exceptionId }),
    );
    expect(stale.status).toBe(409);
  });

  it("start a run with 202 and its id, then report it", async () => {
    await createPlanRun();
    session.user = as("planner", [{ kind: "REGION", value: "NORTH" }]);
    const started = await startPlanRunRoute(post("/api/v1/plan-runs", {}), context());
    expect(started.status).toBe(202);
    const run = await started.json();
    expect(run).toMatchObject({ status: "queued", trigger: "manual", requestedBy: { id: "u-planner" } });
    expect(started.headers.get("location")).toBe(`/api/v1/plan-runs/${run.id}`);
    const shown = await (await planRunRoute(get(`/api/v1/plan-runs/${run.id}`), context({ id: run.id }))).json();
    expect(shown.id).toBe(run.id);
    const list = await (await listPlanRunsRoute(get("/api/v1/plan-runs"), context())).json();
    expect(list.runs[0].id).toBe(run.id);
    expect(list.latestSucceeded).not.toBeNull();
  });
});
