import "server-only";
import { forbidden, redirect } from "next/navigation";
import { can, type Permission } from "../../contracts/permissions";
import { getSessionUser } from "./get-session-user";
import type { SessionUser } from "../../contracts/auth";

/**
 * For server pages: redirects to /signin when signed out (returning to `path` afterwards) and
 * renders the 403 page (`forbidden.tsx`, status 403) when the role lacks `permission`.
 */
export async function requirePagePermission(permission: Permission, path: string): Promise<SessionUser> {
  const user = await getSessionUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(path)}`);
  if (!can(user.role, permission)) forbidden();
  return user;
}
