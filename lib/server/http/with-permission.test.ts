import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import type { SessionUser } from "../../contracts/auth";
import { AppError } from "../app-error";
import { PEER_ADDRESS_HEADER } from "./connection-guard";
import { createWithPermission } from "./with-permission";

const planner: SessionUser = {
  id: "u1",
  email: "planner@demo.stockpilot",
  name: "Pat Planner",
  role: "planner",
  scopes: [{ kind: "REGION", value: "NORTH" }],
};
const executive: SessionUser = { ...planner, id: "u2", role: "executive", scopes: [] };

const ctx = (params: Record<string, string> = {}) => ({ params: Promise.resolve(params) });
const ok = () => Response.json({ ok: true });

function post(body: unknown, headers: Record<string, string> = {}) {
  return new Request("http://localhost:3100/api/v1/things/7", {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("withPermission", () => {
  it("answers 401 without a session and never calls the handler", async () => {
    const handler = vi.fn(ok);
    const GET = createWithPermission(async () => null)("imports.read", handler);
    const res = await GET(new Request("http://localhost/api/x"), ctx());
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: { code: "UNAUTHENTICATED" } });
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers 403 when the role lacks the declared permission", async () => {
    const handler = vi.fn(ok);
    const POST = createWithPermission(async () => executive)("imports.write", handler);
    const res = await POST(post({}), ctx());
    expect(res.status).toBe(403);
    expect(handler).not.toHaveBeenCalled();
  });

  it("hands the user and parsed params, query and body to the handler", async () => {
    const withPermission = createWithPermission(async () => planner);
    const POST = withPermission(
      "decisions.propose",
      {
        params: z.object({ id: z.coerce.number().int() }),
        query: z.object({ dryRun: z.enum(["0", "1"]).default("0") }),
        body: z.object({ quantity: z.number().int().positive() }),
      },
      async ({ user, params, query, body, origin }) => Response.json({ user: user.id, params, query, body, origin }),
    );
    const request = new Request("http://localhost:3100/api/v1/things/7?dryRun=1", {
      method: "POST",
      headers: { origin: "http://localhost:3100", "x-forwarded-for": "10.0.0.9, 10.0.0.1", [PEER_ADDRESS_HEADER]: "192.0.2.44" },
      body: JSON.stringify({ quantity: 12 }),
    });
    const res = await POST(request, ctx({ id: "7" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      user: "u1",
      params: { id: 7 },
      query: { dryRun: "1" },
      body: { quantity: 12 },
      // X-Forwarded-For from a peer that is not a configured proxy is ignored.
      origin: "web 192.0.2.44",
    });
  });

  it("answers 422 with field errors when the body does not match", async () => {
    const POST = createWithPermission(async () => planner)(
      "decisions.propose",
      { body: z.object({ quantity: z.number().int().positive(), reason: z.string().min(3) }) },
      ok,
    );
    const res = await POST(post({ quantity: -1 }), ctx());
    expect(res.status).toBe(422);
    const json = await res.json();
    expect(json.error.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(json.error.fieldErrors).sort()).toEqual(["quantity", "reason"]);
  });

  it("answers 422 for bad path params and 400 for malformed JSON", async () => {
    const withPermission = createWithPermission(async () => planner);
    const GET = withPermission("exceptions.read", { params: z.object({ id: z.string().regex(/^\d+$/) }) }, ok);
    expect((await GET(new Request("http://localhost/api/x/abc"), ctx({ id: "abc" }))).status).toBe(422);
    const POST = withPermission("decisions.propose", { body: z.object({ a: z.number() }) }, ok);
    expect((await POST(post("{not json"), ctx())).status).toBe(400);
  });

  it("refuses a cross-origin mutation but accepts same-origin and Origin-less ones", async () => {
    const POST = createWithPermission(async () => planner)("decisions.propose", ok);
    expect((await POST(post({}, { origin: "https://evil.example" }), ctx())).status).toBe(403);
    expect((await POST(post({}, { "sec-fetch-site": "cross-site" }), ctx())).status).toBe(403);
    expect((await POST(post({}, { origin: "http://localhost:3100" }), ctx())).status).toBe(200);
    expect((await POST(post({}), ctx())).status).toBe(200);
    // Behind a proxy the public host arrives in forwarded headers.
    const proxied = post({}, { origin: "https://stockpilot.example", "x-forwarded-host": "stockpilot.example", "x-forwarded-proto": "https" });
    expect((await POST(proxied, ctx())).status).toBe(200);
  });

  it("does not apply the Origin check to reads", async () => {
    const GET = createWithPermission(async () => planner)("exceptions.read", ok);
    const res = await GET(new Request("http://localhost/api/x", { headers: { origin: "https://elsewhere.example" } }), ctx());
    expect(res.status).toBe(200);
  });

  it("maps AppError to its status and user message", async () => {
    const GET = createWithPermission(async () => planner)("exceptions.read", async () => {
      throw new AppError("NOT_FOUND", "Exception 12 was not found.");
    });
    const res = await GET(new Request("http://localhost/api/x"), ctx());
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "NOT_FOUND", message: "Exception 12 was not found." } });
  });

  it("logs unexpected errors and answers a generic 500 without internals", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const GET = createWithPermission(async () => planner)("exceptions.read", async () => {
      throw new Error("ENOENT: no such file /srv/secret/path.db");
    });
    const res = await GET(new Request("http://localhost/api/x"), ctx());
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain("ENOENT");
    expect(text).not.toContain("/srv");
    expect(JSON.parse(text).error.code).toBe("INTERNAL");
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });
});

describe("withPermission hardening", () => {
  it("marks every API answer no-store, errors included, unless the handler chose a policy", async () => {
    const withPermission = createWithPermission(async () => planner);
    expect((await withPermission("exceptions.read", ok)(new Request("http://localhost/api/x"), ctx())).headers.get("cache-control")).toBe("no-store");
    const denied = await createWithPermission(async () => null)("exceptions.read", ok)(new Request("http://localhost/api/x"), ctx());
    expect(denied.headers.get("cache-control")).toBe("no-store");
    const cached = withPermission("exceptions.read", () => Response.json({}, { headers: { "cache-control": "public, max-age=60" } }));
    expect((await cached(new Request("http://localhost/api/x"), ctx())).headers.get("cache-control")).toBe("public, max-age=60");
  });

  it("answers 422 naming the field for a lone UTF-16 surrogate instead of failing later with 500", async () => {
    const handler = vi.fn(ok);
    const POST = createWithPermission(async () => planner)("decisions.propose", { body: z.object({ comment: z.string() }) }, handler);
    const res = await POST(post('{"comment":"broken \\ud800 text"}'), ctx());
    expect(res.status).toBe(422);
    expect((await res.json()).error.fieldErrors).toHaveProperty("comment");
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers 413 to a JSON body over 1 MB without calling the handler", async () => {
    const handler = vi.fn(ok);
    const POST = createWithPermission(async () => planner)("decisions.propose", { body: z.object({ comment: z.string() }) }, handler);
    const res = await POST(post({ comment: "x".repeat(1024 * 1024 + 1) }), ctx());
    expect(res.status).toBe(413);
    expect(handler).not.toHaveBeenCalled();
  });

  it("answers a write that cannot get the database with 503 and Retry-After, not a generic 500", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const POST = createWithPermission(async () => planner)("decisions.propose", async () => {
      throw new Error("SQLITE_BUSY: database is locked");
    });
    const res = await POST(post({}), ctx());
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    log.mockRestore();
  });
});

describe("withPermission with a token scope", () => {
  const bearer = (secret: string) => new Request("http://localhost/api/v1/x", { headers: { authorization: `Bearer ${secret}` } });

  it("refuses a bearer token on a route that declares no token scope, without calling the handler", async () => {
    const handler = vi.fn(ok);
    const GET = createWithPermission(async () => planner)("exceptions.read", handler);
    const res = await GET(bearer("sp_anything"), ctx());
    expect(res.status).toBe(403);
    expect(handler).not.toHaveBeenCalled();
  });

  it("still takes a session (with its permission) on a route that also accepts tokens", async () => {
    const withPermission = createWithPermission(async () => planner);
    const GET = withPermission("exceptions.read", async ({ principal, user }) => Response.json({ kind: principal.kind, user: user.id }), { tokenScope: "exceptions:read" });
    const res = await GET(new Request("http://localhost/api/v1/x"), ctx());
    expect(await res.json()).toEqual({ kind: "session", user: "u1" });
    const denied = createWithPermission(async () => executive)("imports.write", ok, { tokenScope: "events:write" });
    expect((await denied(post({}), ctx())).status).toBe(403);
  });
});
