import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(import.meta.dirname),
      // "server-only" throws outside a React server bundle; tests call server modules directly.
      "server-only": path.resolve(import.meta.dirname, "lib/test/server-only-stub.ts"),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "components/**/*.test.ts", "scripts/**/*.test.ts", "app/**/*.test.ts"],
    // PostgreSQL-only tests run in `npm run test:postgresql` (vitest.postgresql.config.ts).
    exclude: ["**/node_modules/**", "**/*.postgresql.test.ts"],
    globalSetup: ["lib/test/global-setup.ts"],
    setupFiles: ["lib/test/database-per-file.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
