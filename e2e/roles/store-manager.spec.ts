import { expect, test, type Browser, type Page } from "@playwright/test";
import bcrypt from "bcryptjs";
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEMO_PASSWORD } from "../../lib/demo/demo-accounts";
import { PLANTED } from "../../lib/demo/demo-scenarios";
import { signIn } from "../support";
import { tourRole } from "./role-tour";

tourRole("store_manager");

const E2E_DATABASE = path.join(tmpdir(), "stockpilot-e2e", "e2e.db");
const { from: SOURCE_STORE, to: DESTINATION_STORE } = PLANTED.lateralTransfer;

/** The planted store-to-store transfer (PLANTED.lateralTransfer), as the plan proposed it (its SKU is the transfer worth the most a unit). */
function plantedTransfer(): { id: string; exceptionId: string; quantity: number; from: string; to: string; status: string } {
  const sqlite = new Database(E2E_DATABASE, { readonly: true, fileMustExist: true });
  try {
    const row = sqlite
      .prepare(
        `SELECT r.id, r.exceptionId, r.quantity, s.name AS "from", d.name AS "to", r.status FROM Recommendation r
         JOIN Location s ON s.id = r.sourceLocationId JOIN Location d ON d.id = r.destLocationId
         JOIN Exception e ON e.id = r.exceptionId JOIN Product p ON p.id = e.productId
         WHERE r.actionType = 'transfer' AND s.code = ? AND d.code = ? ORDER BY p.unitPrice - p.unitCost DESC, r.id LIMIT 1`,
      )
      .get(SOURCE_STORE, DESTINATION_STORE) as { id: string; exceptionId: string; quantity: number; from: string; to: string; status: string } | undefined;
    if (!row) throw new Error(`the demo plan proposed no transfer ${SOURCE_STORE} → ${DESTINATION_STORE}`);
    return row;
  } finally {
    sqlite.close();
  }
}

/**
 * The source store's manager. The demo has one store manager (the destination's), and accounts are
 * made by an administrator outside the app, so the spec adds one to its throwaway database as they would.
 */
function sourceStoreManager(): string {
  const email = `store-${SOURCE_STORE.toLowerCase()}@e2e.stockpilot`;
  const sqlite = new Database(E2E_DATABASE, { fileMustExist: true });
  try {
    if (!sqlite.prepare(`SELECT 1 FROM "User" WHERE email = ?`).get(email)) {
      const id = randomUUID();
      sqlite.prepare(`INSERT INTO "User" (id, email, name, role, passwordHash, updatedAt) VALUES (?, ?, ?, 'store_manager', ?, ?)`).run(id, email, `Manager ${SOURCE_STORE}`, bcrypt.hashSync(DEMO_PASSWORD, 10), new Date().toISOString());
      sqlite.prepare(`INSERT INTO "UserScope" (userId, kind, value) VALUES (?, 'STORE', ?)`).run(id, SOURCE_STORE);
    }
    return email;
  } finally {
    sqlite.close();
  }
}

async function phoneSignedInAs(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  return page;
}

const confirmTransfer = (page: Page, id: string, step: "shipped" | "received") =>
  page.request.post("/api/v1/store-tasks/transfers", { data: { recommendationId: id, step, quantity: 1 } });

const scrollsSideways = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test("a store-to-store transfer: approved, shipped by the source store's manager and received by the destination's, each from a phone; no one else may confirm it", async ({ browser }) => {
  test.setTimeout(120_000);
  const transfer = plantedTransfer();
  // Worth more than the system approves on its own: a person approves it.
  expect(transfer.status).toBe("pending");

  const source = await phoneSignedInAs(browser, sourceStoreManager());
  const destination = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signIn(destination, "store_manager");

  // Not approved yet: nothing to ship, and the server refuses a confirmation.
  await source.goto("/store");
  await expect(source.getByRole("heading", { name: /Transfers to confirm/ })).toBeVisible();
  await expect(source.getByText(`Ship to ${transfer.to}`)).toHaveCount(0);
  expect((await confirmTransfer(source, transfer.id, "shipped")).ok()).toBe(false);

  // Finance approves it on the exception page.
  const finance = await (await browser.newContext()).newPage();
  await signIn(finance, "finance");
  await finance.goto(`/exceptions/${transfer.exceptionId}`);
  const action = finance.getByRole("list", { name: /^Recommended actions/ }).getByRole("listitem").filter({ hasText: `${transfer.from} → ${transfer.to}` });
  await action.getByRole("button", { name: /^Approve Transfer/ }).click();
  await expect(finance.getByRole("status").filter({ hasText: "Action approved." })).toBeVisible();
  // Approving is finance's; confirming the goods moved is the stores': refused on the server.
  expect([403, 404]).toContain((await confirmTransfer(finance, transfer.id, "shipped")).status());
  // The destination's manager may not ship from a store that is not theirs, nor receive what has not shipped.
  expect([403, 404, 409]).toContain((await confirmTransfer(destination, transfer.id, "shipped")).status());
  expect((await confirmTransfer(destination, transfer.id, "received")).ok()).toBe(false);

  // The source store ships it.
  await source.reload();
  const outbound = source.getByRole("listitem").filter({ hasText: `Ship to ${transfer.to}` });
  await expect(outbound).toBeVisible();
  await expect(outbound.getByLabel("Units shipped")).toHaveValue(String(Math.round(transfer.quantity)));
  expect(await scrollsSideways(source)).toBeLessThanOrEqual(0);
  await outbound.getByRole("button", { name: "Confirm shipped" }).click();
  await expect(source.getByRole("status").filter({ hasText: /^Shipped \d+ units of / })).toBeVisible();
  await expect(source.getByText(`Ship to ${transfer.to}`)).toHaveCount(0);
  // …and may not receive it at a store that is not theirs.
  expect([403, 404]).toContain((await confirmTransfer(source, transfer.id, "received")).status());

  // The destination store receives it.
  await destination.goto("/store");
  const inbound = destination.getByRole("listitem").filter({ hasText: `Receive from ${transfer.from}` });
  await expect(inbound).toBeVisible();
  await expect(inbound).toContainText("shipped");
  expect(await scrollsSideways(destination)).toBeLessThanOrEqual(0);
  await inbound.getByRole("button", { name: "Confirm received" }).click();
  await expect(destination.getByRole("status").filter({ hasText: /^Received \d+ units of / })).toBeVisible();
  await expect(destination.getByText(`Receive from ${transfer.from}`)).toHaveCount(0);
});
