import "server-only";
import { env } from "../env";

export interface TokenBucketOptions {
  /** Requests a token may make in a burst. */
  capacity: number;
  /** Requests added back per second. */
  refillPerSecond: number;
  now?: () => number;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A token bucket per API token, in this process's memory. With several server instances each
 * keeps its own buckets, so the effective limit is the per-instance limit × instances; a shared
 * store (Redis, the database) would be needed for one exact global limit.
 */
export class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  private readonly now: () => number;

  constructor(private readonly options: TokenBucketOptions) {
    this.now = options.now ?? (() => Date.now());
  }

  take(key: string): RateDecision {
    const now = this.now();
    const { capacity, refillPerSecond } = this.options;
    const bucket = this.buckets.get(key) ?? { tokens: capacity, at: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.at) / 1000) * refillPerSecond);
    bucket.at = now;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / refillPerSecond)) };
  }
}

const globalForLimits = globalThis as unknown as { stockpilotTokenBuckets?: TokenBuckets };

/** The process-wide limiter (default 120 requests burst, 20 per second sustained, per token). */
export const tokenBuckets: TokenBuckets = (globalForLimits.stockpilotTokenBuckets ??= new TokenBuckets({
  capacity: env().STOCKPILOT_TOKEN_BURST,
  refillPerSecond: env().STOCKPILOT_TOKEN_RATE,
}));
