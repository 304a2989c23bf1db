import "server-only";
import { WebStandardStreamableHTTPServerTransport } from "@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js";
import type { Db } from "../../db";
import { errorResponse, isAppError } from "../../app-error";
import { bearerTokenOf } from "../../tokens/authenticate-api-token";
import { authenticateAgent } from "../agent/authenticate-agent";
import { createMcpServer } from "./create-mcp-server";

/**
 * One Streamable HTTP request to /api/mcp, stateless: authenticate the assistant token (401/403
 * before any MCP message is read), then a fresh server acting as the token's person answers with JSON.
 * No cookie is ever accepted here, so a browser session cannot be ridden into it (no CSRF surface).
 */
export async function handleMcpRequest(db: Db, request: Request): Promise<Response> {
  const secret = bearerTokenOf(request);
  if (!secret) {
    return Response.json(
      { error: { code: "UNAUTHENTICATED", message: "Send a Stockpilot assistant token as `Authorization: Bearer sp_…`." } },
      { status: 401, headers: { "www-authenticate": 'Bearer realm="stockpilot"' } },
    );
  }
  let agent;
  try {
    agent = await authenticateAgent(db, secret);
  } catch (error) {
    if (isAppError(error)) return errorResponse(error);
    throw error;
  }
  const server = createMcpServer({ db, resolveAgent: async () => agent, baseUrl: process.env.NEXTAUTH_URL ?? new URL(request.url).origin });
  const transport = new WebStandardStreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
  await server.connect(transport);
  try {
    return await transport.handleRequest(request);
  } finally {
    await server.close();
  }
}
