import { defineConfig } from "@playwright/test";
import base from "./playwright.config";

/**
 * The e2e specs that reach the database only through the app, again on PostgreSQL
 * (`npm run test:e2e:postgresql`, inside scripts/with-postgres.sh): the planner's, buyer's and
 * admin's tours of their pages, the planner's workbench (decide, comment, snooze, replan) and the
 * dashboard — about half of the e2e time. The specs that open the SQLite file themselves to count or
 * tamper with rows (foundation, security, decision quality, the store manager's) stay on SQLite.
 */
export default defineConfig({
  ...base,
  testMatch: ["roles/planner.spec.ts", "roles/buyer.spec.ts", "roles/admin.spec.ts", "workbench.spec.ts", "dashboard.spec.ts"],
  webServer: { ...base.webServer!, env: { STOCKPILOT_E2E_DATABASE: "postgresql" } },
});
