import { db } from "@/lib/server/db";
import { ZCreateAgentTokenRequest } from "@/lib/copilot/agent-tokens.types";
import { createAgentToken, listAgentTokens } from "@/lib/server/copilot/agent/manage-agent-tokens";
import { withPermission } from "@/lib/server/http/with-permission";

export const dynamic = "force-dynamic";

/** The signed-in person's own assistant tokens (for MCP): TAgentTokenView[]. */
export const GET = withPermission("exceptions.read", async ({ user }) => Response.json({ items: await listAgentTokens(db, user) }));

/** Creates an assistant token acting as the signed-in person: TCreatedAgentToken (the secret is shown once). */
export const POST = withPermission("exceptions.read", { body: ZCreateAgentTokenRequest }, async ({ user, body, origin }) =>
  Response.json(await createAgentToken(db, user, body, origin), { status: 201 }),
);
