import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/**
 * The e2e specs that reach the database only through the app, again on PostgreSQL
 * (`npm run test:e2e:postgresql`, inside scripts/with-postgres.sh): every role's tour of its pages,
 * the planner's workbench (decide, comment, snooze, replan) and the dashboard. The specs that open the
 * SQLite file themselves to count or tamper with rows (foundation, security, decision quality) stay
 * on SQLite.
 */
export default defineConfig({
  ...base,
  testMatch: ["roles/*.spec.ts", "workbench.spec.ts", "dashboard.spec.ts"],
  webServer: { ...base.webServer!, env: { STOCKPILOT_E2E_DATABASE: "postgresql" } },
});
