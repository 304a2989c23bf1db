import "server-only";
import type { Db } from "../db";
import { env } from "../env";
import { runWriteTransaction } from "../write-transaction";

export interface TokenBucketOptions {
  /** Requests a token may make in a burst. */
  capacity: number;
  /** Requests added back per second. */
  refillPerSecond: number;
  now?: () => number;
  db: Db;
}

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * A token bucket per API token, kept in the database (TokenRateBucket) so every web instance
 * draws from the same bucket: the limit is one global limit, not per-instance × instances.
 */
export class TokenBuckets {
  private readonly now: () => number;
  private readonly db: Db;

  constructor(private readonly options: TokenBucketOptions) {
    this.now = options.now ?? (() => Date.now());
    this.db = options.db;
  }

  async take(key: string): Promise<RateDecision> {
    const { capacity, refillPerSecond } = this.options;
    return runWriteTransaction(this.db, async (tx) => {
      const now = this.now();
      const bucket = await tx.tokenRateBucket.findUnique({ where: { tokenId: key } });
      const elapsedSeconds = bucket ? Math.max(0, now - bucket.updatedAt.getTime()) / 1000 : 0;
      const tokens = Math.min(capacity, (bucket?.tokens ?? capacity) + elapsedSeconds * refillPerSecond);
      const allowed = tokens >= 1;
      const left = allowed ? tokens - 1 : tokens;
      await tx.tokenRateBucket.upsert({
        where: { tokenId: key },
        create: { tokenId: key, tokens: left, updatedAt: new Date(now) },
        update: { tokens: left, updatedAt: new Date(now) },
      });
      return allowed ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - tokens) / refillPerSecond)) };
    }, { lock: { keys: [`token-bucket:${key}`] } });
  }
}

/** The limiter every route uses (default 120 requests burst, 20 per second sustained, per token). */
export function tokenBuckets(db: Db): TokenBuckets {
  return new TokenBuckets({ capacity: env().STOCKPILOT_TOKEN_BURST, refillPerSecond: env().STOCKPILOT_TOKEN_RATE, db });
}
