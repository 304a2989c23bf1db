import { db } from "@/lib/server/db";
import { ZAgentTokenIdParams } from "@/lib/copilot/agent-tokens.types";
import { revokeAgentToken } from "@/lib/server/copilot/agent/manage-agent-tokens";
import { withPermission } from "@/lib/server/http/with-permission";

export const dynamic = "force-dynamic";

/** Revokes one of the signed-in person's assistant tokens; anyone else's answers 404. */
export const DELETE = withPermission("exceptions.read", { params: ZAgentTokenIdParams }, async ({ user, params, origin }) =>
  Response.json(await revokeAgentToken(db, user, params.id, origin)),
);
