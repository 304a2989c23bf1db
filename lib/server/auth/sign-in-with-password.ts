import "server-only";
import bcrypt from "bcryptjs";
import type { Db } from "../db";
import { userActor } from "../actor";
import { recordAuditEvent } from "../audit/record-audit-event";
import { env } from "../env";
import { isRole } from "../../contracts/permissions";
import { accountAddressKey, addressKey, clearLoginThrottle, recordLoginFailure, throttleWaitMs, type ThrottleKey, type ThrottleRule } from "./login-throttle";
import { runWriteTransaction, type WriteTransactionOptions } from "../write-transaction";

export type PasswordSignInResult =
  | { status: "ok"; userId: string; sessionVersion: number }
  | { status: "invalid" }
  | { status: "throttled"; retryAfterSeconds: number };

/** Compared against when there is no real hash to check, so every path costs one bcrypt comparison. */
const DUMMY_HASH = "$2b$10$LfMOgQBf4wFrIbuQG94OVeH0pKtHLR7oPLfSd1RWF8nqcNF3wW9GC";

/** Sign-ins take turns per throttle row they count in, not behind every other writer (PostgreSQL). */
function throttleLock(keys: readonly ThrottleKey[]): WriteTransactionOptions {
  return { lock: { keys: keys.map((key) => `login-throttle:${key.key}`) } };
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

function throttleRules(): { account: ThrottleRule; address: ThrottleRule } {
  const e = env();
  const maxWaitMs = e.LOGIN_MAX_WAIT_SECONDS * 1000;
  return {
    account: { freeFailures: e.LOGIN_FREE_FAILURES, firstWaitMs: 1000, maxWaitMs },
    address: { freeFailures: e.LOGIN_ADDRESS_FREE_FAILURES, firstWaitMs: 1000, maxWaitMs },
  };
}

/**
 * Checks an email + password. Whatever the email — real, unknown, deactivated, throttled — the
 * work is the same (one bcrypt comparison, the same throttle reads and writes, one audit record)
 * and so is the answer, so neither the answer nor its timing tells which accounts exist. Failures
 * are throttled per account + address and per address (login-throttle.ts), never per account
 * alone, so nobody can lock another person out.
 */
export async function signInWithPassword(db: Db, input: { email: string; password: string; ip: string | null }): Promise<PasswordSignInResult> {
  const email = normalizeEmail(input.email);
  const origin = input.ip ? `web ${input.ip}` : "web";
  const rules = throttleRules();
  const accountKey = accountAddressKey(email, input.ip, rules.account);
  const keys = [accountKey, addressKey(input.ip, rules.address)];
  const now = new Date();

  const [waitMs, user] = await Promise.all([
    throttleWaitMs(db, keys, now),
    db.user.findUnique({ where: { email }, select: { id: true, role: true, active: true, passwordHash: true, sessionVersion: true } }),
  ]);
  const usable = user && user.active && user.passwordHash && isRole(user.role) ? { ...user, role: user.role, passwordHash: user.passwordHash } : null;
  const matches = await bcrypt.compare(input.password, usable?.passwordHash ?? DUMMY_HASH);

  if (waitMs > 0) {
    // The password is not judged while throttled: a right guess gets the same answer as a wrong one.
    await runWriteTransaction(
      db,
      (tx) =>
        recordAuditEvent(tx, {
          actor: { id: null, role: null, scopes: [], origin },
          action: "auth.sign_in_failed",
          entityType: "User",
          entityId: user?.id ?? null,
          after: { email, reason: "throttled", retryAfterSeconds: Math.ceil(waitMs / 1000) },
        }),
      { lock: { keys: [] } },
    );
    return { status: "throttled", retryAfterSeconds: Math.ceil(waitMs / 1000) };
  }

  if (!usable || !matches) {
    const reason = !user ? "unknown_email" : !usable ? "account_unavailable" : "wrong_password";
    await runWriteTransaction(db, async (tx) => {
      await recordLoginFailure(tx, keys, now);
      await recordAuditEvent(tx, {
        actor: { id: null, role: null, scopes: [], origin },
        action: "auth.sign_in_failed",
        entityType: "User",
        entityId: user?.id ?? null,
        after: { email, reason },
      });
    }, throttleLock(keys));
    return { status: "invalid" };
  }

  await runWriteTransaction(db, async (tx) => {
    await clearLoginThrottle(tx, accountKey);
    await tx.user.update({ where: { id: usable.id }, data: { lastLoginAt: now } });
    await recordAuditEvent(tx, {
      actor: userActor({ id: usable.id, role: usable.role, scopes: [] }, origin),
      action: "auth.signed_in",
      entityType: "User",
      entityId: usable.id,
      after: { method: "password" },
    });
  }, throttleLock([accountKey]));
  return { status: "ok", userId: usable.id, sessionVersion: usable.sessionVersion };
}
