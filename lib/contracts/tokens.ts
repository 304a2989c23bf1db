import { z } from "zod";

/**
 * What an API token may do. Pure module (no database) so the admin page renders the same list the
 * server enforces. Scopes are separate from role permissions: a service account has no role.
 */
export const TOKEN_SCOPES = ["events:write", "exceptions:read", "recommendations:read", "decisions:read", "exports:read"] as const;
export type TokenScope = (typeof TOKEN_SCOPES)[number];

export const TOKEN_SCOPE_DESCRIPTIONS: Record<TokenScope, string> = {
  "events:write": "Send sales, inventory, purchase-order, promotion, product and location events.",
  "exceptions:read": "Read the exception queue.",
  "recommendations:read": "Read recommended actions and their governance state.",
  "decisions:read": "Read the decision history (approvals, rejections, modifications).",
  "exports:read": "Take approved actions for the ERP (marks them exported).",
};

export function isTokenScope(value: string): value is TokenScope {
  return (TOKEN_SCOPES as readonly string[]).includes(value);
}

export const ZCreateApiTokenRequest = z.object({
  name: z.string().trim().min(3, "must be at least 3 characters").max(80, "must be at most 80 characters"),
  scopes: z.array(z.enum(TOKEN_SCOPES)).min(1, "pick at least one scope").max(TOKEN_SCOPES.length),
});
export type TCreateApiTokenRequest = z.infer<typeof ZCreateApiTokenRequest>;

export const ZApiTokenIdParams = z.object({ id: z.string().min(1).max(64) });

export const ZApiTokenView = z.object({
  id: z.string(),
  name: z.string(),
  /** First characters of the secret, to tell tokens apart; never the secret. */
  prefix: z.string(),
  scopes: z.array(z.enum(TOKEN_SCOPES)),
  createdBy: z.object({ id: z.string(), name: z.string() }).nullable(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type TApiTokenView = z.infer<typeof ZApiTokenView>;

/** Answer of token creation: the only time the secret is shown. */
export const ZCreatedApiToken = z.object({ token: ZApiTokenView, secret: z.string() });
export type TCreatedApiToken = z.infer<typeof ZCreatedApiToken>;

export const ZApiTokenList = z.object({ items: z.array(ZApiTokenView) });
export type TApiTokenList = z.infer<typeof ZApiTokenList>;
