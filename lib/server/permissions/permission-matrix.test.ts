/**
 * The permission matrix, walked for real: every route handler under app/api is discovered,
 * imported and called as every role, signed out, out of scope and cross-site. What each call must
 * answer comes from the permission table (`can(role, permission)`) plus one small declaration per
 * route below — a route without a declaration fails this test, so none can ship unchecked.
 */
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import type { Location } from "@prisma/client";
import { db } from "../db";
import type { SessionUser } from "../../contracts/auth";
import { getActivePolicy } from "../governance/get-active-policy";
import { createException, createLocation, createPlanRun, createProduct, createRecommendation, createUser, type TestUser } from "../../test/factories";
import { EXCEPTION_DECISION_PERMISSIONS, type TExceptionDecisionRequest } from "../../contracts/exceptions";
import { can, ROLES, ROLE_DEFINITIONS, type Permission, type Role } from "../../contracts/permissions";

const session = vi.hoisted(() => ({ current: null as SessionUser | null }));
vi.mock("../auth/get-session-user", () => ({ getSessionUser: async () => session.current }));
// Queued plan runs stay queued: a background run would supersede the fixtures other cases decide on.
vi.mock("../plan-runs/plan-run-queue", () => ({ startPlanRunQueue: async () => undefined }));
vi.mock("../plan-runs/ensure-plan-runner", () => ({ ensurePlanRunner: () => undefined }));

const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
type HttpMethod = (typeof HTTP_METHODS)[number];
type Handler = (request: Request, context: { params: Promise<unknown> }) => Promise<Response>;

interface Call {
  path: string;
  params?: Record<string, string>;
  body?: unknown;
  /** Request headers the route needs, e.g. Idempotency-Key. */
  headers?: Record<string, string>;
}

/** A call a scoped user may not make, and how the route says so (403 unless stated). */
interface OutOfScope {
  call: (user: TestUser) => Promise<Call>;
  /** For list and batch routes, where out-of-scope items are filtered or refused per item. */
  check?: (response: Response, body: unknown, call: Call) => void;
  /** Item routes that hide what the user may not see answer 404 instead of 403 (STYLE.md). */
  status?: 403 | 404;
}

type RouteDeclaration =
  | { access: "public" }
  /** next-auth's own handler: CSRF token and session handling are next-auth's, not ours. */
  | { access: "next-auth" }
  /** The MCP endpoint: only a personal assistant token gets in, never a session (tested in lib/server/copilot/mcp). */
  | { access: "agent-token" }
  | {
      access: "permission";
      permission: Permission;
      /** A call that succeeds for a user whose role has the permission; fresh fixtures each time. */
      call: (user: TestUser) => Promise<Call>;
      outOfScope?: OutOfScope;
    };

// ---------------------------------------------------------------------------------------------
// Fixtures
// ---------------------------------------------------------------------------------------------

const users = {} as Record<Role, TestUser>;
let homeStore: Location;
let foreignStore: Location;

/** Region/category scopes per role; global roles have none. */
function scopesFor(role: Role, store: Location) {
  switch (role) {
    case "planner":
      return [
        { kind: "REGION", value: "NORTH" },
        { kind: "CATEGORY", value: "SNACKS" },
      ] as const;
    case "buyer":
      return [{ kind: "CATEGORY", value: "SNACKS" }] as const;
    case "store_manager":
      return [{ kind: "STORE", value: store.code }] as const;
    default:
      return [] as const;
  }
}

/** A pending recommendation the role's user may approve, at the store given (in scope by default). */
async function approvableBy(role: Role, place: "in" | "out" = "in") {
  const location = place === "in" ? homeStore : foreignStore;
  const product = await createProduct({ category: place === "in" ? "SNACKS" : "DAIRY" });
  const recommendation =
    role === "buyer"
      ? { tier: "manager", actionType: "expedite_po" }
      : role === "finance"
        ? { tier: "finance", actionType: "transfer", value: 40_000 }
        : { tier: "planner", actionType: "transfer" };
  return createRecommendation({ location, product, recommendation });
}

/** An open purchase order of one line (10 units) delivering to the store; returns its number. */
async function openPurchaseOrder(store: Location): Promise<string> {
  const product = await createProduct();
  const poNumber = `PO-MATRIX-${++exportSequence}`;
  await db.purchaseOrder.create({
    data: { poNumber, supplierId: product.supplierId, destinationLocationId: store.id, orderedAt: new Date(), promisedAt: new Date(), status: "OPEN", lines: { create: [{ lineNo: 1, productId: product.id, qtyOrdered: 10 }] } },
  });
  return poNumber;
}

const isScoped = (role: Role) => ROLE_DEFINITIONS[role].reach !== "global";
let exportSequence = 0;

const ROUTES: Record<string, RouteDeclaration> = {
  "GET /api/auth/[...nextauth]": { access: "next-auth" },
  "POST /api/mcp": { access: "agent-token" },
  "GET /api/mcp": { access: "agent-token" },
  "DELETE /api/mcp": { access: "agent-token" },
  "POST /api/auth/[...nextauth]": { access: "next-auth" },
  "GET /api/health": { access: "public" },
  "GET /api/v1/openapi.json": { access: "public" },

  "GET /api/v1/approvals": {
    access: "permission",
    permission: "decisions.approve",
    call: async () => ({ path: "/api/v1/approvals" }),
    outOfScope: {
      call: async (user) => ({ path: "/api/v1/approvals", body: (await approvableBy(user.role, "out")).id }),
      // Lists are scoped in the query: the item is simply not there.
      check: (response, body, call) => {
        expect(response.status).toBe(200);
        const ids = (body as { items: { recommendationId: string }[] }).items.map((i) => i.recommendationId);
        expect(ids).not.toContain(call.body);
      },
    },
  },
  "POST /api/v1/approvals": {
    access: "permission",
    permission: "decisions.approve",
    call: async (user) => ({
      path: "/api/v1/approvals",
      body: { items: [{ recommendationId: (await approvableBy(user.role)).id, expectedVersion: 1 }], confirm: true },
    }),
    outOfScope: {
      call: async (user) => ({
        path: "/api/v1/approvals",
        body: { items: [{ recommendationId: (await approvableBy(user.role, "out")).id, expectedVersion: 1 }], confirm: true },
      }),
      // A batch reports refusals per item so one refused item does not undo the others.
      check: (response, body) => {
        expect(response.status).toBe(200);
        expect(body).toMatchObject({ approved: 0, refused: 1, results: [{ outcome: "refused", code: "NOT_FOUND" }] });
      },
    },
  },
  "POST /api/v1/recommendations/[id]/decisions": {
    access: "permission",
    permission: "decisions.approve",
    call: async (user) => {
      const rec = await approvableBy(user.role);
      return {
        path: `/api/v1/recommendations/${rec.id}/decisions`,
        params: { id: rec.id },
        body: { decision: "approve", expectedVersion: 1 },
      };
    },
    outOfScope: {
      // A stale version too: a 409 would name who decided an item the caller may not see.
      call: async (user) => {
        const rec = await approvableBy(user.role, "out");
        return {
          path: `/api/v1/recommendations/${rec.id}/decisions`,
          params: { id: rec.id },
          body: { decision: "approve", expectedVersion: 99 },
        };
      },
      status: 404,
    },
  },
  "POST /api/v1/recommendations/[id]/preview": {
    access: "permission",
    permission: "decisions.propose",
    call: async (user) => {
      const rec = await approvableBy(user.role);
      return { path: `/api/v1/recommendations/${rec.id}/preview`, params: { id: rec.id }, body: { quantity: 40 } };
    },
    outOfScope: {
      call: async (user) => {
        const rec = await approvableBy(user.role, "out");
        return { path: `/api/v1/recommendations/${rec.id}/preview`, params: { id: rec.id }, body: { quantity: 40 } };
      },
      status: 404,
    },
  },
  "GET /api/v1/policy": { access: "permission", permission: "policy.read", call: async () => ({ path: "/api/v1/policy" }) },
  "GET /api/v1/policy/versions": { access: "permission", permission: "policy.read", call: async () => ({ path: "/api/v1/policy/versions" }) },
  "PUT /api/v1/policy": {
    access: "permission",
    permission: "policy.manage",
    call: async () => {
      const current = await getActivePolicy(db);
      return { path: "/api/v1/policy", body: { basedOnVersion: current.version, rules: current.rules, note: "matrix test" } };
    },
  },
  "POST /api/v1/policy/proposals/[id]": {
    access: "permission",
    permission: "policy.manage",
    call: async () => {
      const current = await getActivePolicy(db);
      const proposal = await db.policyProposal.create({
        data: { basedOnVersion: current.version, rules: JSON.stringify(current.rules), note: "matrix test", loosenings: "[]", proposedById: "another-admin", status: "pending" },
      });
      return { path: `/api/v1/policy/proposals/${proposal.id}`, params: { id: proposal.id }, body: { decision: "reject" } };
    },
  },
  "GET /api/v1/audit": { access: "permission", permission: "audit.read", call: async () => ({ path: "/api/v1/audit?format=csv" }) },
  "GET /api/v1/audit/head": { access: "permission", permission: "audit.read", call: async () => ({ path: "/api/v1/audit/head" }) },
  "GET /api/v1/audit/verify": { access: "permission", permission: "audit.read", call: async () => ({ path: "/api/v1/audit/verify" }) },
  "GET /api/v1/exports/approved-actions": {
    access: "permission",
    permission: "actions.export",
    call: async () => ({ path: `/api/v1/exports/approved-actions?exportId=matrix-${++exportSequence}-0000` }),
  },
  "GET /api/v1/kpis": { access: "permission", permission: "dashboard.read", call: async () => ({ path: "/api/v1/kpis?format=csv&chart=breakdown" }) },
  "GET /api/v1/imports": { access: "permission", permission: "imports.read", call: async () => ({ path: "/api/v1/imports" }) },
  "POST /api/v1/imports": {
    access: "permission",
    permission: "imports.write",
    call: async () => {
      const form = new FormData();
      const csv = `code,name,type,region,cluster\nMX-${++exportSequence},Matrix store,STORE,NORTH,urban\n`;
      form.append("files", new File([csv], "locations.csv", { type: "text/csv" }));
      return { path: "/api/v1/imports", body: form };
    },
  },
  "POST /api/v1/events": {
    access: "permission",
    permission: "imports.write",
    call: async () => {
      const n = ++exportSequence;
      const event = { id: `matrix-${n}`, type: "inventory_count", occurredAt: "2026-11-20T08:00:00Z", location: homeStore.code, sku: (await createProduct()).sku, onHand: 5 };
      return { path: "/api/v1/events", body: { events: [event] }, headers: { "idempotency-key": `matrix-key-${n}` } };
    },
  },
  "GET /api/v1/recommendations": {
    access: "permission",
    permission: "exceptions.read",
    call: async () => ({ path: "/api/v1/recommendations?status=pending,approved&limit=10" }),
    outOfScope: {
      call: async (user) => ({ path: "/api/v1/recommendations?limit=500", body: (await approvableBy(user.role, "out")).id }),
      check: (response, body, call) => {
        expect(response.status).toBe(200);
        expect((body as { items: { id: string }[] }).items.map((i) => i.id)).not.toContain(call.body);
      },
    },
  },
  "GET /api/v1/decisions": { access: "permission", permission: "exceptions.read", call: async () => ({ path: "/api/v1/decisions?kind=approve&limit=10" }) },
  "GET /api/v1/tokens": { access: "permission", permission: "tokens.manage", call: async () => ({ path: "/api/v1/tokens" }) },
  "POST /api/v1/tokens": {
    access: "permission",
    permission: "tokens.manage",
    call: async () => ({ path: "/api/v1/tokens", body: { name: "matrix token", scopes: ["exceptions:read"] } }),
  },
  "DELETE /api/v1/tokens/[id]": {
    access: "permission",
    permission: "tokens.manage",
    call: async () => {
      const token = await db.apiToken.create({ data: { name: "matrix", prefix: "sp_matrix", secretHash: `matrix-${++exportSequence}`, scopes: "exceptions:read", createdById: users.admin.id } });
      return { path: `/api/v1/tokens/${token.id}`, params: { id: token.id } };
    },
  },
  "GET /api/v1/exceptions": { access: "permission", permission: "exceptions.read", call: async () => ({ path: "/api/v1/exceptions" }) },
  "GET /api/v1/exceptions/[id]": {
    access: "permission",
    permission: "exceptions.read",
    call: async () => {
      const exception = await createException({ location: homeStore, product: await createProduct({ category: "SNACKS" }) });
      return { path: `/api/v1/exceptions/${exception.id}`, params: { id: exception.id } };
    },
    outOfScope: {
      call: async () => {
        const exception = await createException({ location: foreignStore, product: await createProduct({ category: "DAIRY" }) });
        return { path: `/api/v1/exceptions/${exception.id}`, params: { id: exception.id } };
      },
      status: 404,
    },
  },
  // The wrapper asks for the permission of the decision in the body (see "per-action permissions" below) — here approval.
  "POST /api/v1/exceptions/[id]/decisions": {
    access: "permission",
    permission: "decisions.approve",
    call: async (user) => {
      const rec = await approvableBy(user.role);
      return {
        path: `/api/v1/exceptions/${rec.exceptionId}/decisions`,
        params: { id: rec.exceptionId },
        body: { decision: "approve", recommendationId: rec.id, expectedVersion: 1 },
      };
    },
    outOfScope: {
      call: async (user) => {
        const rec = await approvableBy(user.role, "out");
        return {
          path: `/api/v1/exceptions/${rec.exceptionId}/decisions`,
          params: { id: rec.exceptionId },
          body: { decision: "approve", recommendationId: rec.id, expectedVersion: 1 },
        };
      },
      status: 404,
    },
  },
  "GET /api/v1/plan-runs": { access: "permission", permission: "plan_runs.read", call: async () => ({ path: "/api/v1/plan-runs" }) },
  "POST /api/v1/plan-runs": { access: "permission", permission: "plan_runs.create", call: async () => ({ path: "/api/v1/plan-runs" }) },
  "GET /api/v1/plan-runs/[id]": {
    access: "permission",
    permission: "plan_runs.read",
    call: async () => {
      const run = await createPlanRun();
      return { path: `/api/v1/plan-runs/${run.id}`, params: { id: run.id } };
    },
  },
  "POST /api/v1/ask": {
    access: "permission",
    permission: "exceptions.read",
    call: async () => ({ path: "/api/v1/ask", body: { question: "what should I do first today?" } }),
    outOfScope: {
      // Names a store and a category outside every scoped role's reach (buyers see all locations).
      call: async () => {
        await createProduct({ category: "DAIRY" });
        return { path: "/api/v1/ask", body: { question: `stockouts of dairy at ${foreignStore.code}` } };
      },
      // The copilot says so in words rather than answering about a place the asker may not see.
      check: (response, body) => {
        expect(response.status).toBe(200);
        expect(body).toMatchObject({ status: "out_of_scope", items: [] });
      },
    },
  },
  "GET /api/v1/assistant-tokens": { access: "permission", permission: "exceptions.read", call: async () => ({ path: "/api/v1/assistant-tokens" }) },
  "POST /api/v1/assistant-tokens": {
    access: "permission",
    permission: "exceptions.read",
    call: async () => ({ path: "/api/v1/assistant-tokens", body: { name: "matrix assistant" } }),
  },
  "DELETE /api/v1/assistant-tokens/[id]": {
    access: "permission",
    permission: "exceptions.read",
    call: async (user) => {
      const token = await db.apiToken.create({ data: { name: "mine", prefix: "sp_mine", secretHash: `mine-${++exportSequence}`, scopes: "", createdById: user.id, userId: user.id } });
      return { path: `/api/v1/assistant-tokens/${token.id}`, params: { id: token.id } };
    },
    // Someone else's assistant token is indistinguishable from a missing one.
    outOfScope: {
      call: async () => {
        const token = await db.apiToken.create({ data: { name: "theirs", prefix: "sp_their", secretHash: `theirs-${++exportSequence}`, scopes: "", createdById: users.finance.id, userId: users.finance.id } });
        return { path: `/api/v1/assistant-tokens/${token.id}`, params: { id: token.id } };
      },
      status: 404,
    },
  },
  "GET /api/v1/briefings/latest": { access: "permission", permission: "exceptions.read", call: async () => ({ path: "/api/v1/briefings/latest" }) },
  "GET /api/v1/briefing-subscriptions": { access: "permission", permission: "exceptions.read", call: async () => ({ path: "/api/v1/briefing-subscriptions" }) },
  "POST /api/v1/briefing-subscriptions": {
    access: "permission",
    permission: "exceptions.read",
    call: async () => ({ path: "/api/v1/briefing-subscriptions", body: { channel: "webhook", url: "https://93.184.215.14/hook" } }),
    // A subscription may only narrow the person's scope: a foreign region is refused by name.
    outOfScope: {
      call: async () => ({ path: "/api/v1/briefing-subscriptions", body: { channel: "email", regions: ["SOUTH"], categories: ["DAIRY"] } }),
      check: (response, body) => {
        expect(response.status).toBe(422);
        expect(JSON.stringify(body)).toMatch(/not (a region in|one of) your/);
      },
    },
  },
  "DELETE /api/v1/briefing-subscriptions/[id]": {
    access: "permission",
    permission: "exceptions.read",
    call: async (user) => {
      const subscription = await db.briefingSubscription.create({ data: { userId: user.id, channel: "email", target: user.email } });
      return { path: `/api/v1/briefing-subscriptions/${subscription.id}`, params: { id: subscription.id } };
    },
    outOfScope: {
      call: async () => {
        const subscription = await db.briefingSubscription.create({ data: { userId: users.finance.id, channel: "email", target: "someone@else" } });
        return { path: `/api/v1/briefing-subscriptions/${subscription.id}`, params: { id: subscription.id } };
      },
      status: 404,
    },
  },
  "GET /api/v1/saved-views": { access: "permission", permission: "exceptions.read", call: async () => ({ path: "/api/v1/saved-views" }) },
  "PUT /api/v1/saved-views": {
    access: "permission",
    permission: "exceptions.read",
    call: async () => ({ path: "/api/v1/saved-views", body: { name: `Stockouts ${++exportSequence}`, search: "type=stockout" } }),
  },
  "DELETE /api/v1/saved-views/[id]": {
    access: "permission",
    permission: "exceptions.read",
    call: async (user) => {
      const view = await db.savedView.create({ data: { userId: user.id, name: `mine ${++exportSequence}`, search: "" } });
      return { path: `/api/v1/saved-views/${view.id}`, params: { id: view.id } };
    },
    // Someone else's view is indistinguishable from a missing one, and stays.
    outOfScope: {
      call: async () => {
        const view = await db.savedView.create({ data: { userId: users.finance.id, name: `theirs ${++exportSequence}`, search: "" } });
        return { path: `/api/v1/saved-views/${view.id}`, params: { id: view.id } };
      },
      status: 404,
    },
  },
  "GET /api/v1/store-tasks": { access: "permission", permission: "inventory.flag_count", call: async () => ({ path: "/api/v1/store-tasks" }) },
  "POST /api/v1/store-tasks/cycle-counts": {
    access: "permission",
    permission: "inventory.flag_count",
    call: async () => {
      const exception = await createException({ location: homeStore, overrides: { type: "inventory_inaccuracy" } });
      return { path: "/api/v1/store-tasks/cycle-counts", body: { exceptionId: exception.id, countedQuantity: 3, expectedVersion: exception.version } };
    },
    outOfScope: {
      call: async () => {
        const exception = await createException({ location: foreignStore, overrides: { type: "inventory_inaccuracy" } });
        return { path: "/api/v1/store-tasks/cycle-counts", body: { exceptionId: exception.id, countedQuantity: 3, expectedVersion: exception.version } };
      },
      status: 404,
    },
  },
  "POST /api/v1/store-tasks/receipts": {
    access: "permission",
    permission: "transfers.confirm",
    call: async () => ({ path: "/api/v1/store-tasks/receipts", body: { poNumber: await openPurchaseOrder(homeStore), lines: [{ lineNo: 1, qtyReceived: 2 }] } }),
    outOfScope: {
      call: async () => ({ path: "/api/v1/store-tasks/receipts", body: { poNumber: await openPurchaseOrder(foreignStore), lines: [{ lineNo: 1, qtyReceived: 2 }] } }),
      status: 404,
    },
  },
  "POST /api/v1/store-tasks/transfers": {
    access: "permission",
    permission: "transfers.confirm",
    call: async () => {
      const rec = await createRecommendation({ recommendation: { status: "approved", sourceLocationId: homeStore.id, destLocationId: foreignStore.id } });
      return { path: "/api/v1/store-tasks/transfers", body: { recommendationId: rec.id, step: "shipped" } };
    },
    outOfScope: {
      call: async () => {
        const rec = await createRecommendation({ recommendation: { status: "approved", sourceLocationId: foreignStore.id, destLocationId: homeStore.id } });
        return { path: "/api/v1/store-tasks/transfers", body: { recommendationId: rec.id, step: "shipped" } };
      },
      status: 404,
    },
  },
  "GET /api/v1/users": { access: "permission", permission: "users.manage", call: async () => ({ path: "/api/v1/users" }) },
  "GET /api/v1/users/[id]": {
    access: "permission",
    permission: "users.manage",
    call: async () => ({ path: `/api/v1/users/${users.planner.id}`, params: { id: users.planner.id } }),
  },
  "PATCH /api/v1/users/[id]": {
    access: "permission",
    permission: "users.manage",
    call: async () => {
      const target = await createUser("planner");
      return {
        path: `/api/v1/users/${target.id}`,
        params: { id: target.id },
        body: { scopes: [{ kind: "REGION", value: "NORTH" }], reason: "matrix test" },
      };
    },
  },
};

// ---------------------------------------------------------------------------------------------
// Discovery and calls
// ---------------------------------------------------------------------------------------------

const APP_DIR = path.resolve(import.meta.dirname, "../../../app");

function findRouteFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return findRouteFiles(full);
    return entry.name === "route.ts" ? [full] : [];
  });
}

/** "app/(group)/api/v1/x/route.ts" → "/api/v1/x" (route groups do not appear in URLs). */
function urlPattern(file: string): string {
  const segments = path.relative(APP_DIR, path.dirname(file)).split(path.sep);
  return `/${segments.filter((s) => !/^\(.*\)$/.test(s)).join("/")}`;
}

interface DiscoveredHandler {
  key: string;
  method: HttpMethod;
  handler: Handler;
}

const discovered: DiscoveredHandler[] = [];
for (const file of findRouteFiles(path.join(APP_DIR, "api")).sort()) {
  const routeModule = (await import(file)) as Partial<Record<HttpMethod, Handler>>;
  for (const method of HTTP_METHODS) {
    const handler = routeModule[method];
    if (handler) discovered.push({ key: `${method} ${urlPattern(file)}`, method, handler });
  }
}

async function send(
  { method, handler }: DiscoveredHandler,
  call: Call,
  user: SessionUser | null,
  headers: Record<string, string> = {},
): Promise<{ response: Response; body: unknown }> {
  session.current = user;
  const init: RequestInit = { method, headers: { ...call.headers, ...headers } };
  if (call.body instanceof FormData) init.body = call.body;
  else if (call.body !== undefined && method !== "GET") {
    init.body = JSON.stringify(call.body);
    (init.headers as Record<string, string>)["content-type"] = "application/json";
  }
  const response = await handler(new Request(`http://localhost:3000${call.path}`, init), {
    params: Promise.resolve(call.params ?? {}),
  });
  // Read the whole body: streamed answers (imports) finish their work only when consumed.
  const text = await response.text();
  const type = response.headers.get("content-type") ?? "";
  return { response, body: type.includes("application/json") ? JSON.parse(text) : text };
}

const permissionRoutes = discovered.flatMap((d) => {
  const declaration = ROUTES[d.key];
  return declaration?.access === "permission" ? [{ ...d, declaration }] : [];
});

beforeAll(async () => {
  homeStore = await createLocation({ region: "NORTH" });
  foreignStore = await createLocation({ region: "SOUTH" });
  for (const role of ROLES) users[role] = await createUser(role, { scopes: [...scopesFor(role, homeStore)] });
});

describe("route declarations", () => {
  it("declares every route handler under app/api, and nothing that does not exist", () => {
    const keys = discovered.map((d) => d.key).sort();
    expect(keys.filter((k) => !(k in ROUTES)), "routes without a declaration in ROUTES").toEqual([]);
    expect(Object.keys(ROUTES).filter((k) => !keys.includes(k)), "declarations of routes that do not exist").toEqual([]);
  });
});

describe.each(permissionRoutes)("$key", (route) => {
  const { declaration } = route;

  it("answers 401 when signed out", async () => {
    const { response } = await send(route, await declaration.call(users.admin), null);
    expect(response.status).toBe(401);
  });

  it.each(ROLES)(`as %s: 2xx when the role has "${declaration.permission}", else 403`, async (role) => {
    const { response, body } = await send(route, await declaration.call(users[role]), users[role]);
    const expected = can(role, declaration.permission) ? "2xx" : 403;
    expect(response.status >= 200 && response.status < 300 ? "2xx" : response.status, JSON.stringify(body).slice(0, 300)).toBe(expected);
  });

  const outOfScope = declaration.outOfScope;
  const scopedRoles = ROLES.filter((r) => isScoped(r) && can(r, declaration.permission));
  if (outOfScope && scopedRoles.length > 0) {
    it.each(scopedRoles)("as %s out of scope: refused", async (role) => {
      const call = await outOfScope.call(users[role]);
      const { response, body } = await send(route, call, users[role]);
      if (outOfScope.check) outOfScope.check(response, body, call);
      else expect(response.status, JSON.stringify(body)).toBe(outOfScope.status ?? 403);
    });
  }

  // Every state change (and the export GET, which marks actions exported) refuses a foreign origin.
  if (route.method !== "GET" || declaration.permission === "actions.export") {
    const allowed = ROLES.find((r) => can(r, declaration.permission))!;
    it(`refuses a cross-site request as ${allowed} (CSRF)`, async () => {
      const call = await declaration.call(users[allowed]);
      const { response } = await send(route, call, users[allowed], { origin: "https://evil.example" });
      expect(response.status).toBe(403);
      const fetchSite = await send(route, await declaration.call(users[allowed]), users[allowed], { "sec-fetch-site": "cross-site" });
      expect(fetchSite.response.status).toBe(403);
    });
  }
});

describe("agent-token routes", () => {
  it.each(discovered.filter((d) => ROUTES[d.key]?.access === "agent-token"))("$key answers 401 to every role's session without a token", async (route) => {
    for (const role of ROLES) {
      const { response } = await send(route, { path: route.key.split(" ")[1]!, body: { jsonrpc: "2.0", id: 1, method: "tools/list" } }, users[role]);
      expect(response.status).toBe(401);
    }
  });
});

describe("per-action permissions of POST /api/v1/exceptions/[id]/decisions", () => {
  const bodies: Record<TExceptionDecisionRequest["decision"], (recommendationId: string) => TExceptionDecisionRequest> = {
    approve: (recommendationId) => ({ decision: "approve", recommendationId, expectedVersion: 1 }),
    modify: (recommendationId) => ({ decision: "modify", recommendationId, expectedVersion: 1, quantity: 50, reasonCode: "quantity_adjusted" }),
    reject: (recommendationId) => ({ decision: "reject", recommendationId, expectedVersion: 1, reasonCode: "timing" }),
    snooze: () => ({ decision: "snooze", expectedVersion: 1, until: "2099-01-01" }),
    assign: () => ({ decision: "assign", expectedVersion: 1, assigneeId: null }),
    comment: () => ({ decision: "comment", body: "matrix" }),
    override_forecast: () => ({ decision: "override_forecast", startDate: "2099-01-01", endDate: "2099-01-07", dailyUnits: 3, reasonCode: "event" }),
  };
  const cases = ROLES.flatMap((role) => Object.keys(bodies).map((decision) => ({ role, decision: decision as TExceptionDecisionRequest["decision"] })));

  it.each(cases)("as $role, $decision is refused by the route exactly when the role lacks its permission", async ({ role, decision }) => {
    const route = discovered.find((d) => d.key === "POST /api/v1/exceptions/[id]/decisions")!;
    const rec = await approvableBy(role);
    const call = { path: `/api/v1/exceptions/${rec.exceptionId}/decisions`, params: { id: rec.exceptionId }, body: bodies[decision](rec.id) };
    const { response, body } = await send(route, call, users[role]);
    const refusedByRoute = response.status === 403 && JSON.stringify(body).includes("You do not have permission to do this.");
    expect(refusedByRoute, `${response.status} ${JSON.stringify(body).slice(0, 200)}`).toBe(!can(role, EXCEPTION_DECISION_PERMISSIONS[decision]));
  });
});

describe("public routes", () => {
  it.each(discovered.filter((d) => ROUTES[d.key]?.access === "public"))("$key answers without a session", async (route) => {
    const { response } = await send(route, { path: route.key.split(" ")[1]! }, null);
    expect([401, 403]).not.toContain(response.status);
  });
});
