import { expect, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEMO_PASSWORD, DEMO_USERS } from "../lib/demo/demo-accounts";

export type DemoRole = (typeof DEMO_USERS)[number]["role"];

export function demoUser(role: DemoRole) {
  const user = DEMO_USERS.find((u) => u.role === role);
  if (!user) throw new Error(`no demo user with role ${role}`);
  return user;
}

export async function signIn(page: Page, role: DemoRole) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(demoUser(role).email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
}

/** The throwaway database scripts/e2e-server.ts serves; read directly to prove what was (not) written. */
export function countRows(table: string): number {
  const sqlite = new Database(path.join(tmpdir(), "stockpilot-e2e", "e2e.db"), { readonly: true, fileMustExist: true });
  try {
    const row = sqlite.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number };
    return row.n;
  } finally {
    sqlite.close();
  }
}
