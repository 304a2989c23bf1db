import { z } from "zod";
import { ROLES, SCOPE_KINDS } from "./permissions";

export const ZUserId = z.object({ id: z.string().min(1).max(64) });

export const ZUpdateUserRequest = z
  .object({
    role: z.enum(ROLES).optional(),
    scopes: z
      .array(z.object({ kind: z.enum(SCOPE_KINDS), value: z.string().trim().min(1).max(100) }))
      .max(500)
      .optional(),
    active: z.boolean().optional(),
    /** Clears a lockout and the failed-attempt counter. */
    unlock: z.literal(true).optional(),
    reason: z.string().trim().max(500).optional(),
  })
  .refine((v) => v.role !== undefined || v.scopes !== undefined || v.active !== undefined || v.unlock !== undefined, {
    message: "Nothing to change.",
  });
export type TUpdateUserRequest = z.infer<typeof ZUpdateUserRequest>;

export interface UserListItem {
  id: string;
  email: string;
  name: string;
  role: string;
  active: boolean;
  scopes: { kind: string; value: string }[];
  lastLoginAt: string | null;
  lockedUntil: string | null;
  failedLogins: number;
}

export interface ScopeOptions {
  REGION: string[];
  STORE: { code: string; name: string; region: string }[];
  CATEGORY: string[];
}
