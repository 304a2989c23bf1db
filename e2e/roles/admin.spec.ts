import { expect, test } from "@playwright/test";
import { signIn } from "../support";
import { tourRole } from "./role-tour";

tourRole("admin");

test("audit rows no person wrote read as the system, never under the admin role a command line ran with", async ({ page }) => {
  await signIn(page, "admin");
  await page.goto("/audit");
  // The demo's import ran from the command line (recorded with the admin role, no user).
  await page.getByLabel("What").selectOption("import.succeeded");
  await page.getByRole("button", { name: "Apply" }).click();
  // Newest first: the last import row is the demo's own, whatever the other specs imported through the page since.
  const imported = page.getByRole("row").filter({ hasText: "Data imported" }).last();
  await expect(imported).toBeVisible();
  const actor = imported.locator("td").nth(2);
  await expect(actor).toContainText("System");
  await expect(actor).toContainText("command line");
  await expect(actor).not.toContainText("Admin");
});
