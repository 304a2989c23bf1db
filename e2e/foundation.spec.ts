import { expect, test } from "@playwright/test";
import { NAV_ITEMS, navItemsFor } from "../components/app-shell/nav-items";
import { ROLE_DEFINITIONS } from "@/lib/contracts/permissions";
import { DEMO_USERS } from "../lib/demo/demo-accounts";
import { countRows, signIn } from "./support";

test("health answers once the database is ready", async ({ request }) => {
  const response = await request.get("/api/health");
  expect(response.status()).toBe(200);
  expect(await response.json()).toMatchObject({ status: "ok", database: "ok" });
});

test("signed-out visitors are sent to sign in, and APIs answer 401", async ({ page, request }) => {
  await page.goto("/queue");
  await expect(page).toHaveURL(/\/signin/);
  expect((await request.get("/api/v1/imports")).status()).toBe(401);
});

for (const { role } of DEMO_USERS) {
  test(`${role} signs in, lands on its page and sees exactly its navigation`, async ({ page }) => {
    await signIn(page, role);
    // The landing page may add its default filters to the query (the buyer's queue: ?work=supplier).
    await expect(page).toHaveURL(new RegExp(`${ROLE_DEFINITIONS[role].landing}(\\?[^/]*)?$`));
    const nav = page.getByRole("navigation", { name: "Main" });
    const allowed = navItemsFor(role).map((item) => item.label);
    for (const item of NAV_ITEMS) {
      const link = nav.getByRole("link", { name: item.label, exact: true });
      if (allowed.includes(item.label)) await expect(link).toBeVisible();
      else await expect(link).toHaveCount(0);
    }
  });
}

test("an executive is refused a page outside its role", async ({ page }) => {
  await signIn(page, "executive");
  const response = await page.goto("/admin/users");
  expect(response?.status()).toBe(403);
});

const PRODUCTS_HEADER = "sku,name,department,category,subcategory,unit_cost,unit_price,case_pack,supplier";

test("a bad CSV shows the line-numbered error and writes nothing", async ({ page }) => {
  const tablesBefore = { products: countRows("Product"), batches: countRows("ImportBatchFile") };
  await signIn(page, "admin");
  await page.goto("/data");
  const csv = [PRODUCTS_HEADER, "E2E-1,Test tee,Apparel,Tops,T-shirts,5.00,12.00,6,SUP01", "E2E-2,Test shirt,Apparel,Tops,Shirts,abc,25.00,6,SUP01"].join("\n");
  await page.getByLabel("Drop CSV files here, or choose them").setInputFiles({ name: "products.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
  await page.getByRole("button", { name: "Import 1 file" }).click();

  const failure = page.getByRole("alert").filter({ hasText: "Import failed" });
  await expect(failure).toContainText("Nothing was written");
  await expect(failure).toContainText("products.csv");
  const problem = failure.getByRole("row").filter({ hasText: "unit_cost" });
  await expect(problem.getByRole("cell")).toHaveText(["3", "unit_cost", '"abc"', /decimal number/]);
  expect(countRows("Product")).toBe(tablesBefore.products);
  expect(countRows("ImportBatchFile")).toBe(tablesBefore.batches);
});

test("a good import shows its row counts, and importing it again changes nothing", async ({ page }) => {
  const productsBefore = countRows("Product");
  await signIn(page, "planner");
  await page.goto("/data");
  const csv = [PRODUCTS_HEADER, "E2E-10,Linen tee,Apparel,Tops,T-shirts,6.50,15.00,6,SUP01", "E2E-11,Linen shirt,Apparel,Tops,Shirts,11.00,29.00,4,SUP01"].join("\n");
  const upload = { name: "products.csv", mimeType: "text/csv", buffer: Buffer.from(csv) };

  await page.getByLabel("Drop CSV files here, or choose them").setInputFiles(upload);
  await page.getByRole("button", { name: "Import 1 file" }).click();
  const success = page.getByRole("status").filter({ hasText: "Import succeeded" });
  await expect(success).toContainText("2 rows");
  await expect(success.getByRole("listitem").filter({ hasText: "products" })).toContainText("2");
  expect(countRows("Product")).toBe(productsBefore + 2);

  await page.getByLabel("Drop CSV files here, or choose them").setInputFiles(upload);
  await page.getByRole("button", { name: "Import 1 file" }).click();
  await expect(page.getByRole("status").filter({ hasText: "nothing changed" })).toBeVisible();
  expect(countRows("Product")).toBe(productsBefore + 2);
});
