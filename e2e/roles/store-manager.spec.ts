import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { tmpdir } from "node:os";
import path from "node:path";
import { PLANTED } from "../../lib/demo/demo-scenarios";
import { signIn } from "../support";
import { tourRole } from "./role-tour";

tourRole("store_manager");

/** The planted transfer out of the store manager's store (PLANTED.lateralTransfer), as the plan proposed it. */
function plantedTransfer(): { id: string; exceptionId: string; quantity: number; to: string } {
  const sqlite = new Database(path.join(tmpdir(), "stockpilot-e2e", "e2e.db"), { readonly: true, fileMustExist: true });
  try {
    const row = sqlite
      .prepare(
        `SELECT r.id, r.exceptionId, r.quantity, d.name AS "to" FROM Recommendation r
         JOIN Location s ON s.id = r.sourceLocationId JOIN Location d ON d.id = r.destLocationId
         WHERE r.actionType = 'transfer' AND s.code = ? ORDER BY r.createdAt LIMIT 1`,
      )
      .get(PLANTED.lateralTransfer.from) as { id: string; exceptionId: string; quantity: number; to: string } | undefined;
    if (!row) throw new Error(`the demo plan proposed no transfer out of ${PLANTED.lateralTransfer.from}`);
    return row;
  } finally {
    sqlite.close();
  }
}

test("a transfer out of the store, once approved, is the store manager's to ship from a phone; finance alone cannot confirm it", async ({ browser }) => {
  const transfer = plantedTransfer();

  // Not approved yet: nothing to ship, and the confirmation is refused on the server.
  const store = await (await browser.newContext({ viewport: { width: 390, height: 844 } })).newPage();
  await signIn(store, "store_manager");
  await store.goto("/store");
  await expect(store.getByRole("heading", { name: /Transfers to confirm/ })).toBeVisible();
  await expect(store.getByText(`Ship to ${transfer.to}`)).toHaveCount(0);
  expect((await store.request.post("/api/v1/store-tasks/transfers", { data: { recommendationId: transfer.id, step: "shipped", quantity: 1 } })).ok()).toBe(false);

  // Finance approves it on the exception page (the planner tier is below finance's; the DC is outside the store manager's scope).
  const finance = await (await browser.newContext()).newPage();
  await signIn(finance, "finance");
  await finance.goto(`/exceptions/${transfer.exceptionId}`);
  await finance.getByRole("button", { name: /^Approve Transfer/ }).click();
  await expect(finance.getByRole("status").filter({ hasText: "Action approved." })).toBeVisible();
  // Finance may approve, but shipping is the store's: the server refuses finance's confirmation.
  const refused = await finance.request.post("/api/v1/store-tasks/transfers", { data: { recommendationId: transfer.id, step: "shipped", quantity: 1 } });
  expect([403, 404]).toContain(refused.status());

  await store.reload();
  const card = store.getByRole("listitem").filter({ hasText: `Ship to ${transfer.to}` });
  await expect(card).toBeVisible();
  await expect(card.getByLabel("Units shipped")).toHaveValue(String(Math.round(transfer.quantity)));
  expect(await store.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await card.getByRole("button", { name: "Confirm shipped" }).click();
  await expect(store.getByRole("status").filter({ hasText: /^Shipped \d+ units of / })).toBeVisible();
  await expect(store.getByText(`Ship to ${transfer.to}`)).toHaveCount(0);
});
