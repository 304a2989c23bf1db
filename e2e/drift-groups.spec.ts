import { expect, test, type Locator, type Page } from "@playwright/test";
import Database from "better-sqlite3";
import { tmpdir } from "node:os";
import path from "node:path";
import { demoUser, signIn } from "./support";

/** The dashboard's drift card, grouped by model. */
async function driftByModel(page: Page): Promise<Locator> {
  await page.goto("/dashboard");
  const card = page.getByRole("region", { name: "Forecast drift, grouped" });
  await card.getByLabel("Group by").selectOption("model");
  await expect(card.locator("thead")).toContainText("Model");
  return card;
}

test.describe("dashboard drift groups", () => {
  test("a planner's model drift group lists exactly its drifting series, and its queue link exactly its items in the queue", async ({ page }) => {
    await signIn(page, "planner");
    const card = await driftByModel(page);
    // The demo's planner has drift in the queue (seed 7): a model group with some of it.
    const queueLink = /^Open the \d+ of .+ in the queue$/;
    const row = card.locator("tbody tr").filter({ has: page.getByRole("link", { name: queueLink }) }).first();
    const queued = row.getByRole("link", { name: queueLink });
    await expect(queued).toBeVisible();
    const model = (await row.locator("td").first().getByRole("link").innerText()).trim();
    const inQueue = Number((await queued.innerText()).trim());
    const queueHref = await queued.getAttribute("href");
    const findings = Number((await row.locator("td").nth(1).innerText()).trim());

    // The group's name: every drifting series of the model, in the queue or monitored below the bar.
    await row.locator("td").first().getByRole("link").click();
    await expect(page.getByRole("heading", { name: `Forecast drift: ${model}` })).toBeVisible();
    await expect(page.locator("[data-drift-series]")).toHaveCount(findings);
    const queuedSeries = page.locator("[data-drift-series]").filter({ has: page.getByRole("link", { name: /open its drift item$/ }) });
    await expect(queuedSeries).toHaveCount(inQueue);
    const expected = (await queuedSeries.getByRole("link", { name: /open its drift item$/ }).evaluateAll((links) => links.map((link) => link.getAttribute("aria-label")!.replace(/: open its drift item$/, "")))).sort();

    // Its queue link is the dashboard row's, and the queue lists exactly those items: drift, of that model.
    const open = page.getByRole("link", { name: `Open the ${inQueue} in the queue` });
    expect(await open.getAttribute("href")).toBe(queueHref);
    await open.click();
    await expect(page).toHaveURL(/\/queue\?.*model=/);
    await expect(page.getByText(`${inQueue} exception${inQueue === 1 ? "" : "s"} match`)).toBeVisible();
    await expect(page.getByRole("button", { name: `Drift model filter: ${model}` })).toBeVisible();
    const rows = page.locator("tbody tr").filter({ has: page.locator('a[href^="/exceptions/"]') });
    await expect(rows).toHaveCount(inQueue);
    await expect(rows.filter({ hasText: "Forecast drift" })).toHaveCount(inQueue);
    for (const item of expected) {
      const [product, location] = item.split(" at ");
      await expect(rows.filter({ hasText: product! }).filter({ hasText: location! })).toHaveCount(1);
    }
  });

  test("the drift page keeps to a store manager's stores", async ({ page }) => {
    await signIn(page, "store_manager");
    const card = await driftByModel(page);
    await card.locator("tbody tr").first().locator("td").first().getByRole("link").click();
    await expect(page.getByRole("heading", { name: /^Forecast drift: / })).toBeVisible();
    const locations = (await page.locator("[data-drift-series] td:nth-child(2)").allInnerTexts()).map((text) => text.trim());
    expect(locations.length).toBeGreaterThan(0);
    const own = storeNamesOf(demoUser("store_manager").email);
    expect(own.length).toBeGreaterThan(0);
    for (const location of locations) expect(own).toContain(location);
  });

  test("a planner's drift page of another category is not found, as an unknown one", async ({ page }) => {
    await signIn(page, "planner");
    // The demo's planner works bedding and boots.
    for (const path of ["/dashboard/drift?by=category&key=Garden", "/dashboard/drift?by=category&key=No%20such%20category"]) {
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(404);
      await expect(page.getByRole("heading", { name: "Drift group not found" })).toBeVisible();
    }
  });
});

/** Names of the stores a user's STORE scopes name, read from the e2e database. */
function storeNamesOf(email: string): string[] {
  const sqlite = new Database(path.join(tmpdir(), "stockpilot-e2e", "e2e.db"), { readonly: true, fileMustExist: true });
  try {
    const rows = sqlite
      .prepare(`SELECT l.name AS name FROM "UserScope" s JOIN "User" u ON u.id = s."userId" JOIN "Location" l ON l.code = s.value WHERE u.email = ? AND s.kind = 'STORE'`)
      .all(email) as { name: string }[];
    return rows.map((row) => row.name);
  } finally {
    sqlite.close();
  }
}
