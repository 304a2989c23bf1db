import { z } from "zod";
import { ROLES, SCOPE_KINDS } from "./permissions";

export const ZScope = z.object({ kind: z.enum(SCOPE_KINDS), value: z.string().min(1).max(100) });

/** What Stockpilot keeps in the signed JWT beyond next-auth's standard claims. */
export const ZSessionToken = z.object({
  userId: z.string().min(1),
  role: z.enum(ROLES),
  scopes: z.array(ZScope),
  /** The user's session version when the token was issued; tokens from before it existed count as 0. */
  sessionVersion: z.number().int().min(0).default(0),
});
export type TSessionToken = z.infer<typeof ZSessionToken>;

/** The signed-in user as server code sees it: loaded fresh from the database on each request. */
export interface SessionUser {
  id: string;
  email: string;
  name: string;
  role: (typeof ROLES)[number];
  scopes: z.infer<typeof ZScope>[];
}
