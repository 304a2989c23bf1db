import { describe, expect, it } from "vitest";
import { db } from "../db";
import { TokenBuckets } from "./token-rate-limit";

describe("API token rate limit", () => {
  it("is one bucket for every web instance: what one instance spends, the other cannot", async () => {
    let now = 1_000_000;
    const options = { capacity: 3, refillPerSecond: 1, now: () => now, db };
    const instanceA = new TokenBuckets(options);
    const instanceB = new TokenBuckets(options);
    expect(await instanceA.take("tok-1")).toEqual({ allowed: true });
    expect(await instanceB.take("tok-1")).toEqual({ allowed: true });
    expect(await instanceA.take("tok-1")).toEqual({ allowed: true });
    expect(await instanceB.take("tok-1")).toEqual({ allowed: false, retryAfterSeconds: 1 });
    // Another token has its own bucket; time refills it.
    expect(await instanceB.take("tok-2")).toEqual({ allowed: true });
    now += 1_000;
    expect(await instanceB.take("tok-1")).toEqual({ allowed: true });
    expect(await instanceA.take("tok-1")).toMatchObject({ allowed: false });
  });
});
