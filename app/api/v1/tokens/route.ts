import { withPermission } from "@/lib/server/http/with-permission";
import { createApiToken } from "@/lib/server/tokens/create-api-token";
import { listApiTokens } from "@/lib/server/tokens/list-api-tokens";
import { ZCreateApiTokenRequest } from "@/lib/contracts/tokens";
import { userActor } from "@/lib/server/actor";
import { db } from "@/lib/server/db";

export const dynamic = "force-dynamic";

export const GET = withPermission("tokens.manage", async () => Response.json(await listApiTokens(db)));

/** Creates a token; the answer holds the secret, shown this once. */
export const POST = withPermission("tokens.manage", { body: ZCreateApiTokenRequest }, async ({ user, body, origin }) =>
  Response.json(await createApiToken(db, userActor(user, origin), body), { status: 201 }),
);
