import { handleMcpRequest } from "@/lib/server/copilot/mcp/handle-mcp-request";
import { db } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** MCP over Streamable HTTP, authenticated by a personal assistant token (see README "Connect an AI assistant"). */
export const POST = (request: Request) => handleMcpRequest(db, request);
export const GET = (request: Request) => handleMcpRequest(db, request);
export const DELETE = (request: Request) => handleMcpRequest(db, request);
