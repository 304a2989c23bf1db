/**
 * The MCP server driven by the SDK's own client over both transports — Streamable HTTP through the
 * real /api/mcp route handler, and stdio through `scripts/mcp.ts` in a child process — acting as a
 * planner: reads stay in scope, decisions pass (or are refused) through the same governance as a
 * person's, and every change is audited with the origin "agent via token …".
 */
import path from "node:path";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StdioClientTransport } from "@modelcontextprotocol/sdk/client/stdio.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import type { CallToolResult } from "@modelcontextprotocol/sdk/types.js";
import type { Location, Recommendation } from "@prisma/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/mcp/route";
import { db } from "../../db";
import { createApiToken } from "../../tokens/create-api-token";
import { createLocation, createPlanRun, createProduct, createRecommendation, createUser, type TestUser } from "../../../test/factories";
import { createAgentToken, revokeAgentToken } from "../agent/manage-agent-tokens";

const ROOT = path.resolve(import.meta.dirname, "../../../..");
let planner: TestUser;
let executive: TestUser;
let north: Location;
let south: Location;
const secrets = {} as Record<"planner" | "executive" | "revoked", string>;

beforeAll(async () => {
  await createPlanRun();
  north = await createLocation({ code: "N-MCP", name: "North MCP store", region: "NORTH" });
  south = await createLocation({ code: "S-MCP", name: "South MCP store", region: "SOUTH" });
  planner = await createUser("planner", { name: "Pat Planner", scopes: [{ kind: "REGION", value: "NORTH" }, { kind: "CATEGORY", value: "SNACKS" }] });
  executive = await createUser("executive", { name: "Eve Exec" });
  secrets.planner = (await createAgentToken(db, planner, { name: "Claude desktop" }, "test")).secret;
  secrets.executive = (await createAgentToken(db, executive, { name: "Exec assistant" }, "test")).secret;
  secrets.revoked = (await createAgentToken(db, planner, { name: "Old laptop" }, "test")).secret;
});

type Connect = (secret: string) => Promise<Client>;

const viaHttp: Connect = async (secret) => {
  const client = new Client({ name: "stockpilot-test", version: "1.0.0" });
  const transport = new StreamableHTTPClientTransport(new URL("http://localhost:3000/api/mcp"), {
    requestInit: { headers: { authorization: `Bearer ${secret}` } },
    // The real route handler, called in-process: the request goes through exactly what Next would run.
    fetch: (url, init) => POST(new Request(url, init)),
  });
  await client.connect(transport);
  return client;
};

const stdioClients: Client[] = [];
const viaStdio: Connect = async (secret) => {
  const client = new Client({ name: "stockpilot-test", version: "1.0.0" });
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ["--conditions=react-server", "--import", "tsx", "scripts/mcp.ts"],
    cwd: ROOT,
    env: { ...(process.env as Record<string, string>), STOCKPILOT_TOKEN: secret },
    stderr: "pipe",
  });
  await client.connect(transport);
  stdioClients.push(client);
  return client;
};

afterAll(async () => {
  await Promise.all(stdioClients.map((c) => c.close()));
});

const call = (client: Client, name: string, args: Record<string, unknown>) => client.callTool({ name, arguments: args }) as Promise<CallToolResult>;
const textOf = (result: CallToolResult) => result.content.map((c) => (c.type === "text" ? c.text : "")).join("\n");
const jsonOf = (result: CallToolResult) => JSON.parse(textOf(result)) as Record<string, unknown>;

async function pendingAction(place: Location, category: string, recommendation: Partial<Recommendation> = {}) {
  const product = await createProduct({ category });
  return createRecommendation({ location: place, product, recommendation: { tier: "planner", actionType: "transfer", ...recommendation } });
}

describe.each([
  ["Streamable HTTP", viaHttp],
  ["stdio", viaStdio],
] as const)("MCP over %s as a planner's assistant", (_transport, connect) => {
  let client: Client;
  beforeAll(async () => {
    client = await connect(secrets.planner);
  }, 60_000);

  it("lists the tools", async () => {
    const { tools } = await client.listTools();
    expect(tools.map((t) => t.name).sort()).toEqual(
      ["approve_action", "ask", "assign_exception", "comment_on_exception", "explain_exception", "get_exception", "get_forecast", "get_kpis", "list_exceptions", "modify_action", "reject_action", "search_entities", "snooze_exception"].sort(),
    );
  });

  it("lists and reads only exceptions in the planner's scope", async () => {
    const inScope = await pendingAction(north, "SNACKS");
    const outOfScope = await pendingAction(south, "SNACKS");
    const listed = jsonOf(await call(client, "list_exceptions", { limit: 100 })) as { items: { id: string }[] };
    const ids = listed.items.map((i) => i.id);
    expect(ids).toContain(inScope.exceptionId);
    expect(ids).not.toContain(outOfScope.exceptionId);
    const refused = await call(client, "get_exception", { exceptionId: outOfScope.exceptionId });
    expect(refused.isError).toBe(true);
    expect(jsonOf(refused)).toMatchObject({ outcome: "refused", code: "NOT_FOUND" });
    const read = jsonOf(await call(client, "get_exception", { exceptionId: inScope.exceptionId }));
    expect(read).toMatchObject({ id: inScope.exceptionId, recommendations: [{ id: inScope.id, version: 1, tier: "planner" }] });
  });

  it("approves within the planner's tier, audited as the planner via the agent's token", async () => {
    const action = await pendingAction(north, "SNACKS");
    const result = await call(client, "approve_action", { exceptionId: action.exceptionId, recommendationId: action.id, expectedVersion: 1 });
    expect(result.isError, textOf(result)).toBeFalsy();
    expect(jsonOf(result)).toMatchObject({ outcome: "approved" });
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: action.id } })).toMatchObject({ status: "approved", decidedById: planner.id });
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "decision.approved", entityId: action.id } });
    expect(audit).toMatchObject({ actorId: planner.id, actorRole: "planner" });
    expect(audit.origin).toMatch(/^agent via token sp_[\w-]{8} \(Claude desktop\)$/);
  });

  it("does not approve above the planner's tier: it waits for a person, with the proposal left as a comment", async () => {
    const action = await pendingAction(north, "SNACKS", { tier: "finance", value: 50_000 });
    const result = jsonOf(await call(client, "approve_action", { exceptionId: action.exceptionId, recommendationId: action.id, expectedVersion: 1 }));
    expect(result).toMatchObject({ outcome: "waiting_for_person", tierRequired: "finance", proposalRecorded: true });
    expect(await db.recommendation.findUniqueOrThrow({ where: { id: action.id } })).toMatchObject({ status: "pending", version: 1, decidedById: null });
    const comment = await db.exceptionComment.findFirstOrThrow({ where: { exceptionId: action.exceptionId } });
    expect(comment).toMatchObject({ authorId: planner.id });
    expect(comment.body).toContain("needs finance approval");
    const audit = await db.auditEvent.findFirstOrThrow({ where: { action: "exception.commented", entityId: action.exceptionId } });
    expect(audit.origin).toMatch(/^agent via token /);
  });

  it("refuses what the planner could not do: their own modification (segregation of duties), a stale version, another scope", async () => {
    const modified = await pendingAction(north, "SNACKS");
    await db.decision.create({ data: { recommendationId: modified.id, actorId: planner.id, actorRole: "planner", kind: "modify", fromStatus: "pending", toStatus: "pending" } });
    const sod = await call(client, "approve_action", { exceptionId: modified.exceptionId, recommendationId: modified.id, expectedVersion: 1 });
    expect(sod.isError).toBe(true);
    expect(jsonOf(sod)).toMatchObject({ code: "FORBIDDEN", message: expect.stringContaining("segregation of duties") });

    const stale = await pendingAction(north, "SNACKS");
    const conflict = await call(client, "reject_action", { exceptionId: stale.exceptionId, recommendationId: stale.id, expectedVersion: 7, reasonCode: "cost_too_high" });
    expect(conflict.isError).toBe(true);
    expect(jsonOf(conflict)).toMatchObject({ code: "CONFLICT" });

    const foreign = await pendingAction(south, "SNACKS");
    const outside = await call(client, "approve_action", { exceptionId: foreign.exceptionId, recommendationId: foreign.id, expectedVersion: 1 });
    expect(jsonOf(outside)).toMatchObject({ code: "NOT_FOUND" });
    for (const r of [modified, stale, foreign]) expect((await db.recommendation.findUniqueOrThrow({ where: { id: r.id } })).status).toBe("pending");
  });

  it("modifies with a reason; the change is re-routed, not approved", async () => {
    const action = await pendingAction(north, "SNACKS");
    const result = jsonOf(await call(client, "modify_action", { exceptionId: action.exceptionId, recommendationId: action.id, expectedVersion: 1, quantity: 40, reasonCode: "quantity_adjusted" }));
    expect(result).toMatchObject({ outcome: "modified", status: "pending" });
    const row = await db.recommendation.findUniqueOrThrow({ where: { id: action.id } });
    expect(row).toMatchObject({ quantity: 40, modifiedById: planner.id, decidedById: null });
  });

  it("snoozes, assigns and comments with the exception's version", async () => {
    const action = await pendingAction(north, "SNACKS");
    const snoozed = jsonOf(await call(client, "snooze_exception", { exceptionId: action.exceptionId, expectedVersion: 1, until: "2099-01-01" }));
    expect(snoozed).toMatchObject({ outcome: "snoozed", version: 2 });
    const assigned = jsonOf(await call(client, "assign_exception", { exceptionId: action.exceptionId, expectedVersion: 2, assigneeId: "me" }));
    expect(assigned).toMatchObject({ outcome: "assigned", assignee: { id: planner.id } });
    expect(jsonOf(await call(client, "comment_on_exception", { exceptionId: action.exceptionId, body: "Checked with the store." }))).toMatchObject({ outcome: "commented" });
  });

  it("answers questions in words with linked figures, and searches names within scope", async () => {
    const answer = textOf(await call(client, "ask", { question: "how much money is at risk?" }));
    expect(answer).toMatch(/^\[\$[\d,]+\]\(http:\/\/localhost:3000\/queue\?sort=moneyAtRisk&order=desc\) at risk across/);
    const refused = await call(client, "ask", { question: "stockouts at S-MCP" });
    expect(textOf(refused)).toContain("S-MCP (South MCP store) is not one of your locations.");
    const found = jsonOf(await call(client, "search_entities", { query: "MCP store" })) as { results: { value: string }[] };
    expect(found.results.map((r) => r.value)).toEqual(["N-MCP"]);
  });
});

describe("tokens the MCP server refuses", () => {
  it("refuses a revoked token at once, on a connection already open over stdio", async () => {
    const client = await viaStdio(secrets.revoked);
    expect((await call(client, "ask", { question: "what should I do first?" })).isError).toBeFalsy();
    const [token] = await db.apiToken.findMany({ where: { name: "Old laptop" } });
    await revokeAgentToken(db, planner, token!.id, "test");
    expect(jsonOf(await call(client, "list_exceptions", {}))).toMatchObject({ outcome: "refused", code: "UNAUTHENTICATED" });
  });

  it("answers 401 over HTTP without a token or with a revoked one, 403 for a service account's token", async () => {
    await expect(viaHttp("sp_not-a-real-token")).rejects.toThrow(/401|not valid/);
    const admin = await createUser("admin");
    const service = await createApiToken(db, { id: admin.id, role: "admin", scopes: [] }, { name: "ERP", scopes: ["exceptions:read"] });
    await expect(viaHttp(service.secret)).rejects.toThrow(/403|service account/);
  });

  it("never lets an executive's assistant approve", async () => {
    const client = await viaHttp(secrets.executive);
    const action = await pendingAction(north, "SNACKS");
    const result = await call(client, "approve_action", { exceptionId: action.exceptionId, recommendationId: action.id, expectedVersion: 1 });
    expect(result.isError).toBe(true);
    expect((await db.recommendation.findUniqueOrThrow({ where: { id: action.id } })).status).toBe("pending");
  });
});
