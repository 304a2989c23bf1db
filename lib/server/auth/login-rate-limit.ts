import "server-only";

/**
 * Sliding-window limit on sign-in attempts per email + client IP, held in process memory.
 * Enough for one Node process (the embedded deployment); several instances would need a shared
 * store. The durable defence is the per-account lockout in the database (sign-in-with-password.ts).
 */
export class LoginRateLimiter {
  private readonly attempts = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Records one attempt; false when the key has used up its attempts in the window. */
  take(key: string): boolean {
    const now = this.now();
    const recent = (this.attempts.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= this.limit) {
      this.attempts.set(key, recent);
      return false;
    }
    recent.push(now);
    this.attempts.set(key, recent);
    if (this.attempts.size > 10_000) this.prune(now);
    return true;
  }

  reset(key: string): void {
    this.attempts.delete(key);
  }

  private prune(now: number) {
    for (const [key, times] of this.attempts) {
      if (times.every((t) => now - t >= this.windowMs)) this.attempts.delete(key);
    }
  }
}

export function rateLimitKey(email: string, ip: string | null): string {
  return `${email}|${ip ?? "unknown"}`;
}
