import "server-only";
import bcrypt from "bcryptjs";
import { db } from "../db";
import { recordAuditEvent } from "../audit/record-audit-event";
import { env } from "../env";
import { isRole } from "../permissions/permissions";
import { LoginRateLimiter, rateLimitKey } from "./login-rate-limit";

export type PasswordSignInResult =
  | { status: "ok"; userId: string }
  | { status: "invalid" }
  | { status: "locked"; until: Date }
  | { status: "rate_limited" };

/** Compared against when the email is unknown, so both paths cost one bcrypt comparison. */
const DUMMY_HASH = "$2b$10$LfMOgQBf4wFrIbuQG94OVeH0pKtHLR7oPLfSd1RWF8nqcNF3wW9GC";

const globalForLimiter = globalThis as unknown as { stockpilotLoginLimiter?: LoginRateLimiter };

function limiter(): LoginRateLimiter {
  if (!globalForLimiter.stockpilotLoginLimiter) {
    const e = env();
    globalForLimiter.stockpilotLoginLimiter = new LoginRateLimiter(e.LOGIN_RATE_LIMIT, e.LOGIN_RATE_WINDOW_SECONDS * 1000);
  }
  return globalForLimiter.stockpilotLoginLimiter;
}

/** For tests: forget all attempt windows. */
export function resetLoginRateLimiter() {
  globalForLimiter.stockpilotLoginLimiter = undefined;
}

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * Checks an email + password. Refuses early when the email + IP pair exceeds its attempt window,
 * refuses a locked account without looking at the password, and locks the account after N
 * consecutive failures. Each counter change and its audit event commit in one transaction.
 */
export async function signInWithPassword(input: { email: string; password: string; ip: string | null }): Promise<PasswordSignInResult> {
  const email = normalizeEmail(input.email);
  const origin = input.ip ? `web ${input.ip}` : "web";
  if (!limiter().take(rateLimitKey(email, input.ip))) return { status: "rate_limited" };

  const user = await db.user.findUnique({
    where: { email },
    select: { id: true, role: true, active: true, passwordHash: true, failedLogins: true, lockedUntil: true },
  });

  if (!user || !user.active || !user.passwordHash || !isRole(user.role)) {
    await bcrypt.compare(input.password, DUMMY_HASH);
    await db.$transaction((tx) =>
      recordAuditEvent(tx, {
        actor: { userId: null, role: null },
        action: "auth.sign_in_failed",
        entityType: "User",
        entityId: user?.id ?? null,
        after: { email, reason: user ? "account_unavailable" : "unknown_email" },
        origin,
      }),
    );
    return { status: "invalid" };
  }

  const actor = { userId: user.id, role: user.role };
  const now = new Date();
  if (user.lockedUntil && user.lockedUntil > now) {
    await db.$transaction((tx) =>
      recordAuditEvent(tx, {
        actor,
        action: "auth.sign_in_failed",
        entityType: "User",
        entityId: user.id,
        after: { email, reason: "locked", lockedUntil: user.lockedUntil },
        origin,
      }),
    );
    return { status: "locked", until: user.lockedUntil };
  }

  const matches = await bcrypt.compare(input.password, user.passwordHash);
  if (!matches) {
    const { LOGIN_LOCKOUT_THRESHOLD, LOGIN_LOCKOUT_MINUTES } = env();
    return db.$transaction(async (tx) => {
      // A lock that has expired starts a fresh count.
      const base = user.lockedUntil ? 0 : user.failedLogins;
      const failedLogins = base + 1;
      if (failedLogins >= LOGIN_LOCKOUT_THRESHOLD) {
        const until = new Date(now.getTime() + LOGIN_LOCKOUT_MINUTES * 60_000);
        await tx.user.update({ where: { id: user.id }, data: { failedLogins, lockedUntil: until } });
        await recordAuditEvent(tx, {
          actor,
          action: "auth.locked_out",
          entityType: "User",
          entityId: user.id,
          before: { failedLogins: user.failedLogins, lockedUntil: user.lockedUntil },
          after: { failedLogins, lockedUntil: until },
          origin,
        });
        return { status: "locked", until } as const;
      }
      await tx.user.update({ where: { id: user.id }, data: { failedLogins, lockedUntil: null } });
      await recordAuditEvent(tx, {
        actor,
        action: "auth.sign_in_failed",
        entityType: "User",
        entityId: user.id,
        before: { failedLogins: user.failedLogins },
        after: { email, reason: "wrong_password", failedLogins },
        origin,
      });
      return { status: "invalid" } as const;
    });
  }

  await db.$transaction(async (tx) => {
    await tx.user.update({ where: { id: user.id }, data: { failedLogins: 0, lockedUntil: null, lastLoginAt: now } });
    await recordAuditEvent(tx, {
      actor,
      action: "auth.signed_in",
      entityType: "User",
      entityId: user.id,
      after: { method: "password" },
      origin,
    });
  });
  limiter().reset(rateLimitKey(email, input.ip));
  return { status: "ok", userId: user.id };
}
