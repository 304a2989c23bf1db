import { describe, expect, it } from "vitest";
import { db } from "./db";
import { holdSqliteWriteLock as holdWriteLock } from "../test/hold-sqlite-write-lock";
import { isAppError } from "./app-error";
import { databaseBusy, isDatabaseBusy, runWriteTransaction } from "./write-transaction";

describe("runWriteTransaction", () => {
  it("waits for another process's write lock instead of failing with 'database is locked'", async () => {
    const { released } = await holdWriteLock(1_500);
    const started = performance.now();
    // Reads first, then writes: without the lock taken up front, the commit in between makes this
    // transaction's snapshot stale and SQLite refuses the write at once (SQLITE_BUSY).
    const user = await runWriteTransaction(db, async (tx) => {
      const existing = await tx.user.count();
      await new Promise((resolve) => setTimeout(resolve, 50));
      return tx.user.create({ data: { email: `writer-${existing}@example.test`, name: "W", role: "planner" } });
    });
    expect(user.email).toMatch(/^writer-/);
    expect(performance.now() - started).toBeGreaterThan(1_000);
    await released;
  });

  it("turns a lock it could not get into a retryable 503 with Retry-After", () => {
    expect(isDatabaseBusy(new Error("SQLITE_BUSY: database is locked"))).toBe(true);
    const error = databaseBusy();
    expect(isAppError(error) && { status: error.status, retryAfter: error.retryAfterSeconds }).toEqual({ status: 503, retryAfter: 5 });
  });
});
