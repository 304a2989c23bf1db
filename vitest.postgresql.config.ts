import { defineConfig } from "vitest/config";
import base from "./vitest.config";

/**
 * The integration tests again, on PostgreSQL (`npm run test:postgresql`): every test that reaches the
 * database through the app's code. Pure engine/UI tests are left to the SQLite run; so are the few that
 * open the SQLite file directly to tamper with it or to hold its write lock (their PostgreSQL
 * counterparts are in *.postgresql.test.ts), and one whose timing windows are too tight for it.
 */
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ["lib/server/**/*.test.ts", "scripts/**/*.test.ts", "app/**/*.test.ts"],
    exclude: [
      "**/node_modules/**",
      "lib/server/audit/audit-chain.test.ts",
      "lib/server/governance/concurrent-approvals.test.ts",
      "lib/server/governance/export-approved-actions.test.ts",
      "lib/server/write-transaction.test.ts",
      // Its throttle assertions need consecutive sign-ins within 1 s of each other; on a saturated
      // 2-core machine the extra PostgreSQL server process pushed some attempts past that (2 of 4 runs
      // under load ≈ 17; it passes alone). The throttle rows themselves are plain upserts.
      "lib/server/auth/sign-in-with-password.test.ts",
    ],
    globalSetup: ["lib/test/global-setup-postgresql.ts"],
  },
});
