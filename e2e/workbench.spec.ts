import { expect, test, type Browser, type Page } from "@playwright/test";

const PASSWORD = "stockpilot-demo";
const PLANNER = "planner@demo.stockpilot";
const STORE_MANAGER = "store@demo.stockpilot";
const ADMIN = "admin@demo.stockpilot";

/** Signs in and opens the queue (a store manager lands on "My store" first). */
async function signIn(page: Page, email: string) {
  await page.goto("/signin");
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  if (!/\/queue/.test(page.url())) await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Queue", exact: true }).click();
  await expect(page).toHaveURL(/\/queue/);
}

async function signedInPage(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signIn(page, email);
  return page;
}

const queueRows = (page: Page) => page.locator("tbody tr[data-exception-id]");

/**
 * The part of the signed-in planner's open items that holds items of their own tier: today's offer,
 * or — when every planner-tier item nets less than the policy's value bar — the list below the bar.
 */
async function partWithPlannerItems(page: Page): Promise<"today" | "below-bar"> {
  for (const offer of ["today", "below-bar"] as const) {
    const answer = (await (await page.request.get(`/api/v1/exceptions?tier=planner&offer=${offer}&limit=1`)).json()) as { items: unknown[] };
    if (answer.items.length > 0) return offer;
  }
  throw new Error("the demo has no open planner-tier item");
}

test.describe("exception workbench", () => {
  test("a planner filters the queue, reads the top exception, approves its action and sees the queue update", async ({ page }) => {
    await signIn(page, PLANNER);
    await page.goto(`/queue?offer=${await partWithPlannerItems(page)}`);
    await expect(queueRows(page).first()).toBeVisible();

    // Pick a type whose exception the planner may approve (tier Planner), and filter to it.
    const approvable = queueRows(page).filter({ has: page.getByRole("cell", { name: "Planner", exact: true }) }).first();
    await expect(approvable).toBeVisible();
    const typeLabel = (await approvable.locator("td").nth(2).innerText()).trim();
    await page.getByRole("button", { name: "Type filter" }).click();
    await page.getByRole("group", { name: "Type filter" }).getByLabel(typeLabel, { exact: true }).check();
    await page.keyboard.press("Escape");
    await expect(page).toHaveURL(/[?&]type=/);
    await expect(page.getByRole("button", { name: `Type filter: ${typeLabel}` })).toBeVisible();
    await expect(queueRows(page).first()).toBeVisible();
    for (const type of await queueRows(page).locator("td:nth-child(3)").allInnerTexts()) expect(type.trim()).toBe(typeLabel);

    // Open the top exception the planner can approve.
    const target = queueRows(page).filter({ has: page.getByRole("cell", { name: "Planner", exact: true }) }).first();
    const exceptionId = await target.getAttribute("data-exception-id");
    expect(exceptionId).toBeTruthy();
    await target.getByRole("link").click();
    await expect(page).toHaveURL(new RegExp(`/exceptions/${exceptionId}$`));

    await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
    await expect(page.getByTestId("root-cause-summary")).not.toBeEmpty();
    await expect(page.getByRole("figure", { name: "Sales, forecast and projected inventory" }).locator("svg.recharts-surface")).toBeVisible();
    await expect(page.getByText(/Score/).first()).toBeVisible();

    const approve = page.getByRole("button", { name: /^Approve / }).and(page.locator(":enabled")).first();
    await approve.click();
    await expect(page.getByRole("status").filter({ hasText: "Action approved." })).toBeVisible();
    await expect(page.getByRole("list", { name: /Recommended actions/ }).getByText("Approved", { exact: true }).first()).toBeVisible();

    // Approving the action settles the exception: it leaves the open queue.
    await page.getByRole("main").getByRole("link", { name: "Queue", exact: true }).click();
    await expect(page).toHaveURL(/\/queue\?type=/);
    await expect(page.getByText(/\d+\+? exceptions? match/)).toBeVisible();
    await expect(page.locator(`tbody tr[data-exception-id="${exceptionId}"]`)).toHaveCount(0);
  });

  test("a planner's queue offers the day's items under the policy's daily cap and says how many wait", async ({ page }) => {
    await signIn(page, PLANNER);
    const notice = page.getByRole("status").filter({ hasText: /^Today: / });
    await expect(notice).toContainText(/Today: \d+ items? of \d+ open in your scope/);
    await expect(notice).toContainText("offers each planner 30 items a day, highest score first");
    const rows = await queueRows(page).count();
    expect(rows).toBeLessThanOrEqual(30);
    const waiting = notice.getByRole("button", { name: /^Show the \d+ items? waiting$/ });
    if (await waiting.count()) {
      await waiting.click();
      await expect(page).toHaveURL(/[?&]offer=waiting/);
      await expect(page.getByRole("status").filter({ hasText: /^Waiting: / })).toBeVisible();
      await page.getByRole("button", { name: "Back to today's items" }).click();
    }
    // Items whose best action nets less than the policy's value bar are listed apart, and the notice says why.
    const belowBar = page.getByRole("status").getByRole("button", { name: /^Show the \d+ items? below the value bar$/ });
    if (await belowBar.count()) {
      await belowBar.click();
      await expect(page).toHaveURL(/[?&]offer=below-bar/);
      const barNotice = page.getByRole("status").filter({ hasText: /^Below the value bar: / });
      await expect(barNotice).toContainText("nobody is asked to decide");
      // The tenth column is the status, marked below the bar.
      for (const status of await queueRows(page).locator("td:nth-child(10)").allInnerTexts()) expect(status).toContain("below the value bar");
    }
  });

  test("keyboard triage: j/k move through the queue, Enter opens, ? shows the shortcuts", async ({ page }) => {
    await signIn(page, PLANNER);
    await expect(queueRows(page).nth(1)).toBeVisible();
    const firstLink = queueRows(page).nth(0).getByRole("link");
    const secondLink = queueRows(page).nth(1).getByRole("link");

    await page.keyboard.press("j");
    await expect(firstLink).toBeFocused();
    await page.keyboard.press("j");
    await expect(secondLink).toBeFocused();
    await page.keyboard.press("k");
    await expect(firstLink).toBeFocused();

    await page.keyboard.press("?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await expect(help).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(help).toBeHidden();
    await expect(firstLink).toBeFocused();

    const firstId = await queueRows(page).nth(0).getAttribute("data-exception-id");
    await page.keyboard.press("Enter");
    await expect(page).toHaveURL(new RegExp(`/exceptions/${firstId}$`));
    await expect(page.getByTestId("root-cause-summary")).toBeVisible();
  });

  test("a store manager sees only their own stores' exceptions and cannot open another store's", async ({ browser }) => {
    const manager = await signedInPage(browser, STORE_MANAGER);
    await manager.getByRole("button", { name: "Store filter" }).click();
    const ownStores = (await manager.getByRole("group", { name: "Store filter" }).getByRole("checkbox").evaluateAll((boxes) =>
      boxes.map((box) => box.closest("label")?.textContent?.split(" · ")[0]?.trim() ?? ""),
    )) as string[];
    await manager.keyboard.press("Escape");
    expect(ownStores.length).toBeGreaterThan(0);

    await expect(queueRows(manager).first()).toBeVisible();
    const codes = await queueRows(manager).locator("td:nth-child(5) span:nth-child(2)").allInnerTexts();
    for (const text of codes) expect(ownStores).toContain(text.split(" · ")[0]!.trim());

    // An exception of another store, found as the planner, is not there for the store manager.
    const planner = await signedInPage(browser, PLANNER);
    await expect(queueRows(planner).first()).toBeVisible();
    const others = queueRows(planner).filter({ hasNot: planner.locator("td:nth-child(5) span:nth-child(2)", { hasText: new RegExp(`^(${ownStores.join("|")}) ·`) }) });
    const foreignId = await others.first().getAttribute("data-exception-id");
    expect(foreignId).toBeTruthy();
    await manager.goto(`/exceptions/${foreignId}`);
    await expect(manager.getByRole("heading", { name: "Exception not found" })).toBeVisible();
  });

  test("a cluster's overstock is one queue item naming its stores; its detail lists each store's markdown by name; a store manager cannot open it", async ({ browser }) => {
    // The demo plants overstock in every suburban store's Cookware: admin reaches every category.
    const admin = await signedInPage(browser, ADMIN);
    await admin.goto("/queue?type=excess&sort=moneyAtRisk&order=desc");
    const clusterRow = queueRows(admin).filter({ hasText: /\d+ suburban stores, / }).first();
    await expect(clusterRow).toBeVisible();
    const stores = Number(/(\d+) suburban stores/.exec(await clusterRow.innerText())![1]);
    expect(stores).toBeGreaterThanOrEqual(3);
    const clusterId = await clusterRow.getAttribute("data-exception-id");
    await clusterRow.getByRole("link").click();
    await expect(admin).toHaveURL(new RegExp(`/exceptions/${clusterId}$`));
    await expect(admin.getByRole("heading", { level: 1 })).toContainText("suburban stores");
    const storeList = admin.getByRole("list", { name: "Stores of Markdown" }).first();
    await expect(storeList.getByRole("listitem")).toHaveCount(stores);
    // Names as a planner reads them (the demo's "… Park N"), each with its units; codes only in the tooltip.
    for (const line of await storeList.getByRole("listitem").allInnerTexts()) expect(line).toMatch(/Park \d+\s+\d[\d,]* units?/);
    await expect(admin.getByRole("figure", { name: "Sales, forecast and projected inventory" }).locator("svg.recharts-surface")).toBeVisible();

    const manager = await signedInPage(browser, STORE_MANAGER);
    await expect(queueRows(manager).filter({ hasText: /suburban stores, / })).toHaveCount(0);
    await manager.goto(`/exceptions/${clusterId}`);
    await expect(manager.getByRole("heading", { name: "Exception not found" })).toBeVisible();
  });

  test("a saved view is kept on the server: it follows the planner to another browser, and the buyer does not see it", async ({ browser }) => {
    const first = await signedInPage(browser, PLANNER);
    // A filter no built-in view has, so the saved name is what the View menu shows for it.
    await first.goto("/queue?type=stockout,excess&sort=moneyAtRisk&order=desc");
    await first.getByRole("button", { name: "View filter: Custom" }).click();
    await first.getByLabel("Name for the current view").fill("Biggest stockouts and excess");
    await first.getByRole("button", { name: "Save", exact: true }).click();
    await expect(first.getByRole("button", { name: "View filter: Biggest stockouts and excess" })).toBeVisible();

    // Another browser (no local storage in common) finds it and applies it.
    const second = await signedInPage(browser, PLANNER);
    await second.getByRole("button", { name: /^View filter/ }).click();
    await second.getByRole("group", { name: "View filter" }).getByRole("button", { name: "Biggest stockouts and excess", exact: true }).click();
    await expect(second).toHaveURL(/type=stockout%2Cexcess|type=stockout,excess/);
    await expect(second).toHaveURL(/sort=moneyAtRisk/);

    const buyer = await signedInPage(browser, "buyer@demo.stockpilot");
    await buyer.getByRole("button", { name: /^View filter/ }).click();
    await expect(buyer.getByRole("group", { name: "View filter" }).getByRole("button", { name: "Supplier and PO work" })).toBeVisible();
    await expect(buyer.getByRole("group", { name: "View filter" }).getByRole("button", { name: "Biggest stockouts and excess", exact: true })).toHaveCount(0);
  });
});

test.describe("approval tier filter", () => {
  test("a planner filters the queue by approval tier: the server answers only those tiers, the URL and a saved view keep it", async ({ page }) => {
    await page.setViewportSize({ width: 1440, height: 900 });
    await signIn(page, PLANNER);
    const offer = await partWithPlannerItems(page);
    await page.goto(`/queue?offer=${offer}`);
    await page.getByRole("button", { name: "Tier filter" }).click();
    // Only the tiers a planner may act on are offered.
    await expect(page.getByRole("group", { name: "Tier filter" }).getByLabel("Finance", { exact: true })).toHaveCount(0);
    await page.getByRole("group", { name: "Tier filter" }).getByLabel("Planner", { exact: true }).check();
    await page.keyboard.press("Escape");
    await expect(page).toHaveURL(/[?&]tier=planner/);
    await expect(queueRows(page).first()).toBeVisible();
    // The ninth column is the approval tier.
    for (const tier of await queueRows(page).locator("td:nth-child(9)").allInnerTexts()) expect(tier.trim()).toBe("Planner");
    // The server filters: its answer holds nothing but the tier, and counts the same rows.
    const answer = (await (await page.request.get(`/api/v1/exceptions?tier=planner&offer=${offer}&limit=200`)).json()) as { items: { tierRequired: string | null }[]; total: number };
    expect(answer.items.length).toBeGreaterThan(0);
    expect(new Set(answer.items.map((item) => item.tierRequired))).toEqual(new Set(["planner"]));
    await expect(page.getByText(new RegExp(`^${answer.total.toLocaleString("en-US")} exceptions? match`))).toBeVisible();
    expect((await page.request.get("/api/v1/exceptions?tier=boss")).status()).toBe(422);

    await page.getByRole("button", { name: /^View filter/ }).click();
    await page.getByLabel("Name for the current view").fill("Mine to approve");
    await page.getByRole("button", { name: "Save", exact: true }).click();
    await expect(page.getByRole("button", { name: "View filter: Mine to approve" })).toBeVisible();
    const views = (await (await page.request.get("/api/v1/saved-views")).json()) as { items: { name: string; search: string }[] };
    expect(views.items.find((view) => view.name === "Mine to approve")?.search).toMatch(/tier=planner/);
  });
});
