import "server-only";
import type { Db } from "../db";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { UserActor } from "../actor";
import { AppError, notFound } from "../app-error";
import { can, type ScopeKind } from "../../contracts/permissions";
import { unlockAccount } from "../auth/login-throttle";
import { revokeSessionsIn } from "../auth/revoke-sessions";
import type { TUpdateUserRequest } from "../../contracts/users";
import { runWriteTransaction } from "../write-transaction";

function sortScopes(scopes: { kind: string; value: string }[]) {
  return [...scopes].sort((a, b) => a.kind.localeCompare(b.kind) || a.value.localeCompare(b.value));
}

async function assertScopeValuesExist(tx: Parameters<Parameters<Db["$transaction"]>[0]>[0], scopes: { kind: ScopeKind; value: string }[]) {
  const wanted = (kind: ScopeKind) => [...new Set(scopes.filter((s) => s.kind === kind).map((s) => s.value))];
  const [regions, stores, categories] = [wanted("REGION"), wanted("STORE"), wanted("CATEGORY")];
  const [foundRegions, foundStores, foundCategories] = await Promise.all([
    tx.location.findMany({ where: { region: { in: regions } }, distinct: ["region"], select: { region: true } }),
    tx.location.findMany({ where: { code: { in: stores } }, select: { code: true } }),
    tx.product.findMany({ where: { category: { in: categories } }, distinct: ["category"], select: { category: true } }),
  ]);
  const fieldErrors: Record<string, string[]> = {};
  const missing = (kind: string, values: string[], found: Set<string>) => {
    const unknown = values.filter((v) => !found.has(v));
    if (unknown.length > 0) fieldErrors[`scopes.${kind}`] = [`Unknown ${kind.toLowerCase()}: ${unknown.join(", ")}`];
  };
  missing("REGION", regions, new Set(foundRegions.map((r) => r.region)));
  missing("STORE", stores, new Set(foundStores.map((s) => s.code)));
  missing("CATEGORY", categories, new Set(foundCategories.map((c) => c.category)));
  if (Object.keys(fieldErrors).length > 0) {
    throw new AppError("VALIDATION_FAILED", "Some scope values do not exist in the imported data.", { fieldErrors });
  }
}

/**
 * Changes a user's role, scopes, active flag or lockout, and records "user.updated" with the
 * state before and after in the same transaction. An admin cannot remove their own ability to
 * manage users (that would leave nobody able to undo it).
 */
export async function updateUser(db: Db, input: { actor: UserActor; userId: string; patch: TUpdateUserRequest }) {
  const { actor, userId, patch } = input;
  if (actor.id === userId) {
    if (patch.role !== undefined && !can(patch.role, "users.manage")) {
      throw new AppError("CONFLICT", "You cannot remove your own administrator role.");
    }
    if (patch.active === false) throw new AppError("CONFLICT", "You cannot deactivate your own account.");
  }

  return runWriteTransaction(db, async (tx) => {
    const current = await tx.user.findUnique({ where: { id: userId }, include: { scopes: true } });
    if (!current) throw notFound("User");
    const before = {
      role: current.role,
      active: current.active,
      scopes: sortScopes(current.scopes.map((s) => ({ kind: s.kind, value: s.value }))),
      lockedUntil: current.lockedUntil,
      failedLogins: current.failedLogins,
    };

    if (patch.scopes) {
      await assertScopeValuesExist(tx, patch.scopes);
      await tx.userScope.deleteMany({ where: { userId } });
      const unique = new Map(patch.scopes.map((s) => [`${s.kind}\u0000${s.value}`, s]));
      if (unique.size > 0) await tx.userScope.createMany({ data: [...unique.values()].map((s) => ({ userId, ...s })) });
    }
    const updated = await tx.user.update({
      where: { id: userId },
      data: {
        ...(patch.role !== undefined ? { role: patch.role } : {}),
        ...(patch.active !== undefined ? { active: patch.active } : {}),
        ...(patch.unlock ? { lockedUntil: null, failedLogins: 0 } : {}),
      },
      include: { scopes: true },
    });
    const unlockedKeys = patch.unlock ? await unlockAccount(tx, updated.email) : 0;
    const after = {
      role: updated.role,
      active: updated.active,
      scopes: sortScopes(updated.scopes.map((s) => ({ kind: s.kind, value: s.value }))),
      lockedUntil: updated.lockedUntil,
      failedLogins: updated.failedLogins,
    };
    await recordAuditEvent(tx, {
      actor,
      action: "user.updated",
      entityType: "User",
      entityId: userId,
      before,
      after,
      reason: patch.reason ?? null,
    });
    if (patch.unlock) {
      await recordAuditEvent(tx, { actor, action: "auth.unlocked", entityType: "User", entityId: userId, after: { throttleKeysCleared: unlockedKeys } });
    }
    // What the user may do changed: sessions issued under the old rights end now.
    const rightsChanged = before.role !== after.role || before.active !== after.active || JSON.stringify(before.scopes) !== JSON.stringify(after.scopes);
    if (rightsChanged) await revokeSessionsIn(tx, userId, { reason: "role, scope or active flag changed", actor });
    return after;
  });
}
