import "server-only";
import type { Db, DbTransaction } from "../db";
import { MS_PER_DAY } from "../../engine/calendar";

/**
 * Sign-in throttling in the database, so every web instance shares it. Two keys per attempt:
 * the account from this address (a handful of free failures, then the wait doubles with each
 * further failure, up to a cap) and the address across all accounts (credential stuffing from one
 * place). Nothing here depends on whether the account exists, so the answers cannot tell which
 * emails are real; and no key is "the account from anywhere", so nobody can lock someone else out
 * from their own address — the hard lockout this replaces let anyone lock the only admin.
 */
export interface ThrottleRule {
  /** Failures allowed before any wait. */
  freeFailures: number;
  /** Wait after the first failure beyond the free ones; doubles with each further failure. */
  firstWaitMs: number;
  maxWaitMs: number;
}

/** A key's failures are forgotten this long after its last one. */
const FORGET_AFTER_MS = MS_PER_DAY;

export interface ThrottleKey {
  key: string;
  email: string | null;
  rule: ThrottleRule;
}

export function accountAddressKey(email: string, address: string | null, rule: ThrottleRule): ThrottleKey {
  return { key: `account:${email}|${address ?? "unknown"}`, email, rule };
}

export function addressKey(address: string | null, rule: ThrottleRule): ThrottleKey {
  return { key: `address:${address ?? "unknown"}`, email: null, rule };
}

/** How long to wait before the next failure counts, once a key has `failures` failures. */
export function waitAfter(failures: number, rule: ThrottleRule): number {
  const beyond = failures - rule.freeFailures;
  if (beyond <= 0) return 0;
  return Math.min(rule.maxWaitMs, rule.firstWaitMs * 2 ** Math.min(beyond - 1, 30));
}

/** Milliseconds until every key allows an attempt (0: go ahead). */
export async function throttleWaitMs(db: Db, keys: ThrottleKey[], now: Date): Promise<number> {
  const rows = await db.loginThrottle.findMany({ where: { key: { in: keys.map((k) => k.key) } }, select: { blockedUntil: true } });
  return Math.max(0, ...rows.map((r) => (r.blockedUntil ? r.blockedUntil.getTime() - now.getTime() : 0)));
}

/** Counts one failure on each key and sets its next wait; in the caller's transaction. */
export async function recordLoginFailure(tx: DbTransaction, keys: ThrottleKey[], now: Date): Promise<void> {
  for (const { key, email, rule } of keys) {
    const current = await tx.loginThrottle.findUnique({ where: { key } });
    const stale = !current || now.getTime() - current.lastFailureAt.getTime() > FORGET_AFTER_MS;
    const failures = (stale ? 0 : current.failures) + 1;
    const wait = waitAfter(failures, rule);
    const data = { email, failures, lastFailureAt: now, blockedUntil: wait > 0 ? new Date(now.getTime() + wait) : null };
    await tx.loginThrottle.upsert({ where: { key }, create: { key, ...data }, update: data });
  }
}

export async function clearLoginThrottle(tx: DbTransaction, key: ThrottleKey): Promise<void> {
  await tx.loginThrottle.deleteMany({ where: { key: key.key } });
}

/** Admin unlock: forget the account's failures from every address. Returns how many keys were cleared. */
export async function unlockAccount(tx: DbTransaction, email: string): Promise<number> {
  const { count } = await tx.loginThrottle.deleteMany({ where: { email } });
  return count;
}
