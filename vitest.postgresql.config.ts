import { defineConfig } from "vitest/config";
import base from "./vitest.config";

/**
 * The integration tests again, on PostgreSQL (`npm run test:postgresql`): every test that reaches the
 * database through the app's code. Pure engine/UI tests are left to the SQLite run; so are the few that
 * open the SQLite file directly to tamper with it or to hold its write lock (their PostgreSQL
 * counterparts are in *.postgresql.test.ts).
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
    ],
    globalSetup: ["lib/test/global-setup-postgresql.ts"],
  },
});
