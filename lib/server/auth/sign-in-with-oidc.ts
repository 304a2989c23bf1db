import "server-only";
import type { Db } from "../db";
import { userActor } from "../actor";
import { recordAuditEvent } from "../audit/record-audit-event";
import { isRole } from "../../contracts/permissions";
import { normalizeEmail } from "./sign-in-with-password";
import { runWriteTransaction } from "../write-transaction";

export type OidcSignInResult = { status: "ok"; userId: string } | { status: "refused"; reason: string };

/**
 * Signs in a user vouched for by the identity provider: the role comes from the configured claim
 * (the IdP is the source of truth for it), the user row is created or updated by email. Scopes
 * stay managed in Stockpilot's admin page. Refuses a missing email, an unknown role, a
 * deactivated account.
 */
export async function signInWithOidc(db: Db, input: {
  email: string | null | undefined;
  name: string | null | undefined;
  roleClaim: unknown;
  origin: string;
}): Promise<OidcSignInResult> {
  if (!input.email) return { status: "refused", reason: "no_email" };
  const email = normalizeEmail(input.email);
  const role = Array.isArray(input.roleClaim) ? input.roleClaim.find(isRole) : input.roleClaim;
  if (!isRole(role)) return { status: "refused", reason: "no_role" };

  return runWriteTransaction(db, async (tx) => {
    const existing = await tx.user.findUnique({ where: { email } });
    if (existing && !existing.active) return { status: "refused", reason: "inactive" } as const;
    const now = new Date();
    const name = input.name?.trim() || existing?.name || email;
    const user = existing
      ? await tx.user.update({ where: { id: existing.id }, data: { role, name, lastLoginAt: now, failedLogins: 0 } })
      : await tx.user.create({ data: { email, name, role, lastLoginAt: now } });
    const actor = userActor({ id: user.id, role, scopes: [] }, input.origin);
    if (!existing) {
      await recordAuditEvent(tx, {
        actor,
        action: "user.created",
        entityType: "User",
        entityId: user.id,
        after: { email, name, role, source: "oidc" },
      });
    } else if (existing.role !== role) {
      await recordAuditEvent(tx, {
        actor,
        action: "user.updated",
        entityType: "User",
        entityId: user.id,
        before: { role: existing.role },
        after: { role },
        reason: "role from identity provider",
      });
    }
    await recordAuditEvent(tx, {
      actor,
      action: "auth.signed_in",
      entityType: "User",
      entityId: user.id,
      after: { method: "oidc" },
    });
    return { status: "ok", userId: user.id } as const;
  });
}
