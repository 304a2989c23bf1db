/**
 * Stockpilot's MCP server over stdio, for a desktop AI assistant: `STOCKPILOT_TOKEN=sp_… npm run --silent mcp`.
 * The assistant acts as the person who owns the token. Standard output carries only MCP messages.
 */
import { StdioServerTransport } from "@modelcontextprotocol/sdk/server/stdio.js";
import { authenticateAgent } from "../lib/server/copilot/agent/authenticate-agent";
import { createMcpServer } from "../lib/server/copilot/mcp/create-mcp-server";
import { db } from "../lib/server/db";
import { isAppError } from "../lib/server/app-error";

async function main() {
  const secret = process.env.STOCKPILOT_TOKEN?.trim();
  if (!secret) {
    console.error("Set STOCKPILOT_TOKEN to a personal assistant token (create one on the Assistant page).");
    process.exit(2);
  }
  try {
    const agent = await authenticateAgent(db, secret);
    console.error(`Stockpilot MCP server: acting as ${agent.user.name} (${agent.user.role}) via ${agent.token.prefix}`);
  } catch (error) {
    console.error(isAppError(error) ? error.message : error);
    process.exit(1);
  }
  const server = createMcpServer({ db, resolveAgent: () => authenticateAgent(db, secret), baseUrl: process.env.NEXTAUTH_URL ?? "http://localhost:3000" });
  await server.connect(new StdioServerTransport());
}

void main();
