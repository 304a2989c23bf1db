import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./support";

/** Everything clickable in the page body that is a button must be a KPI definition: executives change nothing. */
async function expectNoActionButtons(page: Page) {
  const buttons = page.locator("main button");
  const labels = await buttons.evaluateAll((nodes) => nodes.map((n) => n.getAttribute("aria-label") ?? n.textContent ?? ""));
  for (const label of labels) expect(label).toMatch(/^Definition of /);
  expect(labels.length).toBeGreaterThan(0);
  await expect(page.locator("main form")).toHaveCount(0);
}

async function drillInto(page: Page, level: string, param: string) {
  const table = page.getByRole("region", { name: `By ${level}` });
  await expect(table).toBeVisible();
  const link = table.locator("tbody a").first();
  const label = (await link.innerText()).trim();
  // The row's in-stock (third column) is the figure the drilled page's tile shows.
  const rowInStock = (await table.locator("tbody tr").first().locator("td").nth(2).innerText()).split("\n")[0]!.trim();
  // So is its forecast error: the rows pool the same weeks as the tiles.
  const rowWape = (await table.locator("tbody tr").first().locator("td").nth(8).innerText()).trim();
  await link.click();
  await expect(page).toHaveURL(new RegExp(`[?&]${param}=`));
  await expect(page.locator('[data-kpi="inStock"] [data-kpi-value]')).toHaveText(rowInStock);
  if (level === "region") await expect(page.locator('[data-kpi="wape"] [data-kpi-value]')).toHaveText(rowWape);
  return label;
}

test.describe("executive dashboard", () => {
  test("an executive sees KPI tiles with definitions, drills down region → store → category → SKU, and has no actions", async ({ page }) => {
    await signIn(page, "executive");
    await expect(page).toHaveURL(/\/dashboard/);
    await expect(page.getByRole("heading", { name: "Dashboard" })).toBeVisible();

    const inStock = page.locator('[data-kpi="inStock"]');
    await expect(inStock).toContainText("%");
    await expect(page.locator("[data-kpi]")).toHaveCount(20);
    // Return rate from the demo's returns.csv: returned ÷ sold units of the period.
    await expect(page.locator('[data-kpi="returnRate"]')).toContainText("%");

    // The written definition is one click away and keyboard operable.
    const definition = inStock.getByRole("button", { name: "Definition of In-stock" });
    await expect(definition).toHaveAttribute("aria-expanded", "false");
    await definition.focus();
    await page.keyboard.press("Enter");
    await expect(definition).toHaveAttribute("aria-expanded", "true");
    await expect(inStock.getByRole("note")).toContainText("share of the period's demand that fell on location × SKU days when the item was in stock");
    await page.keyboard.press("Escape");
    await expect(definition).toHaveAttribute("aria-expanded", "false");
    await expectNoActionButtons(page);

    const region = await drillInto(page, "region", "region");
    await expect(page.getByRole("navigation", { name: "Drill-down" })).toContainText(region);
    await drillInto(page, "location", "location");
    await drillInto(page, "category", "category");
    const sku = await drillInto(page, "sku", "sku");
    await expect(page.getByRole("navigation", { name: "Drill-down" })).toContainText(sku.split(" · ")[0]!);
    await expect(page.locator('[data-kpi="inStock"]')).toBeVisible();
    await expectNoActionButtons(page);

    // Back up through the breadcrumb to the network.
    await page.getByRole("navigation", { name: "Drill-down" }).getByRole("link", { name: "Network" }).click();
    await expect(page.getByRole("region", { name: "By region" })).toBeVisible();
  });

  test("a scoped buyer's open exceptions are the queue's, the DC's included", async ({ page }) => {
    await signIn(page, "buyer");
    const response = await page.request.get("/api/v1/exceptions?status=open,snoozed&limit=1");
    expect(response.ok()).toBe(true);
    const { total } = (await response.json()) as { total: number };
    await page.goto("/dashboard");
    await expect(page.locator('[data-kpi="openExceptions"] [data-kpi-value]')).toHaveText(total.toLocaleString("en-US"));
  });

  test("a chart's data downloads as CSV", async ({ page }) => {
    await signIn(page, "executive");
    const service = page.getByRole("region", { name: "In-stock, fill rate and lost sales by day" });
    const href = await service.getByRole("link", { name: "Download CSV" }).getAttribute("href");
    expect(href).toContain("format=csv");
    const response = await page.request.get(href!);
    expect(response.status()).toBe(200);
    expect(response.headers()["content-type"]).toContain("text/csv");
    expect((await response.text()).split("\r\n")[0]).toBe("day,inStock,fillRate,lostSales,revenue");
  });

  test("filters are part of the URL", async ({ page }) => {
    await signIn(page, "executive");
    await page.getByLabel("Period").selectOption("7");
    await expect(page).toHaveURL(/[?&]period=7/);
    await page.getByLabel("Channel").selectOption("online");
    await expect(page).toHaveURL(/[?&]channel=online/);
    await expect(page.locator('[data-kpi="inStock"]')).toContainText("last 7 days");
  });

  test("a new database's trend charts have weeks of history, back-filled from the imported data and saying so", async ({ page }) => {
    await signIn(page, "executive");
    const csv = async (title: string) => {
      const href = await page.getByRole("region", { name: title }).getByRole("link", { name: "Download CSV" }).getAttribute("href");
      const lines = (await (await page.request.get(href!)).text()).trim().split("\r\n");
      return lines.slice(1).map((line) => line.split(","));
    };
    // asOf, source, …: eleven weekly stock snapshots before the first plan run, then the run.
    const inventory = await csv("Inventory at cost by plan run");
    expect(inventory.map((row) => row[1])).toEqual([...Array<string>(11).fill("stock-history"), "plan-run"]);
    expect(new Set(inventory.map((row) => row[0])).size).toBe(12);
    await expect(page.getByRole("region", { name: "Inventory at cost by plan run" })).toContainText("imported weekly stock snapshots");
    // weekStart, source, …: realized weeks judged on back-filled one-week-ahead forecasts, then the backtest.
    const accuracy = await csv("Forecast error and bias by week");
    expect(accuracy.filter((row) => row[1] === "realized").length).toBeGreaterThanOrEqual(6);
    await expect(page.getByRole("region", { name: "Forecast error and bias by week" })).toContainText("made afresh from the sales up to each week");
  });
});
