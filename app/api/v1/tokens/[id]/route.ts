import { withPermission } from "@/lib/server/http/with-permission";
import { revokeApiToken } from "@/lib/server/tokens/revoke-api-token";
import { ZApiTokenIdParams } from "@/lib/server/tokens/tokens.types";

export const dynamic = "force-dynamic";

/** Revokes the token (kept in the list as history). */
export const DELETE = withPermission("tokens.manage", { params: ZApiTokenIdParams }, async ({ user, params, origin }) =>
  Response.json(await revokeApiToken(user, params.id, origin)),
);
