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
