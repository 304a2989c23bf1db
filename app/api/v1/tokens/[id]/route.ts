import { withPermission } from "@/lib/server/http/with-permission";
import { revokeApiToken } from "@/lib/server/tokens/revoke-api-token";
import { ZApiTokenIdParams } from "@/lib/contracts/tokens";
import { userActor } from "@/lib/server/actor";
import { db } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** Revokes the token (kept in the list as history). */
export const DELETE = withPermission("tokens.manage", { params: ZApiTokenIdParams }, async ({ user, params, origin }) =>
  Response.json(await revokeApiToken(db, userActor(user, origin), params.id)),
);
