import { expect, test, type Page } from "@playwright/test";
import { navItemsFor } from "../../components/app-shell/nav-items";
import { can } from "../../lib/contracts/permissions";
import { signIn, type DemoRole } from "../support";

/** Screenshots of every page a role visits, for a person to look at; git-ignored. */
export const SCREENSHOT_DIR = "e2e-screenshots";
export const WIDTHS = [1440, 390] as const;

/** An internal code a user should never read, e.g. `raise_order` or `action_approved`. */
const RAW_CODE = /\b[a-z]+_[a-z_]+\b/;
/** A number shown with more precision than anyone reads: more than two decimals. */
const UNROUNDED = /\d\.\d{3,}/;
const BROKEN = /\bNaN\b|\bundefined\b|\bnull\b|\bInfinity\b/;

/** Every page the role can reach: its navigation, the admin sub-pages, the API docs, and one exception. */
export async function pagesOf(page: Page, role: DemoRole): Promise<string[]> {
  const pages = navItemsFor(role).map((item) => item.href);
  if (can(role, "users.manage")) pages.push("/admin/tokens", "/admin/policy");
  pages.push("/api-docs");
  if (can(role, "dashboard.read")) {
    // One drift group's series page (the dashboard's "Forecast drift, grouped" links to them).
    const response = await page.request.get("/api/v1/kpis");
    expect(response.ok()).toBe(true);
    const group = ((await response.json()) as { drift: { groups: { sku: { key: string }[] } } }).drift.groups.sku[0];
    if (group) pages.push(`/dashboard/drift?by=sku&key=${encodeURIComponent(group.key)}`);
  }
  if (can(role, "exceptions.read")) {
    const response = await page.request.get("/api/v1/exceptions?limit=1");
    expect(response.ok()).toBe(true);
    const first = ((await response.json()) as { items: { id: string }[] }).items[0];
    if (first) pages.push(`/exceptions/${first.id}`);
  }
  return pages;
}

/** Visible text a reader sees as prose: code samples (code, pre, kbd) are meant to show codes. */
async function proseText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const clone = document.body.cloneNode(true) as HTMLElement;
    clone.querySelectorAll("code, pre, kbd, script, style, [hidden], .sr-only").forEach((node) => node.remove());
    document.body.appendChild(clone);
    clone.style.position = "absolute";
    const text = clone.innerText;
    clone.remove();
    return text;
  });
}

function offending(text: string, pattern: RegExp): string | null {
  const match = new RegExp(pattern.source, "g").exec(text);
  if (!match) return null;
  const start = Math.max(0, match.index - 40);
  return `"${match[0]}" in …${text.slice(start, match.index + match[0].length + 40).replace(/\s+/g, " ")}…`;
}

/** Loads a page and waits for what the user would see: its heading, with no loading placeholder left. */
async function open(page: Page, path: string) {
  const response = await page.goto(path);
  expect(response?.status(), path).toBe(200);
  await expect(page.locator("main h1").first()).toBeVisible();
  await page.waitForLoadState("networkidle");
  await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0);
}

/**
 * Signs in as the role and visits each of its pages at desktop and phone width, checking what a
 * professional would notice first: sideways scrolling, internal codes, over-precise numbers,
 * broken values. Saves a full-page screenshot of each for a human review.
 */
export function tourRole(role: DemoRole) {
  test(`${role}: every page reads cleanly at ${WIDTHS.join(" px and ")} px`, async ({ page }) => {
    test.setTimeout(240_000);
    await signIn(page, role);
    const pages = await pagesOf(page, role);
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const path of pages) {
        await open(page, path);
        const name = `${role}-${width}-${path.replace(/^\//, "").replace(/\/c[a-z0-9]{20,}$/, "/detail").replace(/[^a-z0-9]+/gi, "-")}`;
        await page.screenshot({ path: `${SCREENSHOT_DIR}/${name}.png`, fullPage: true });
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect.soft(overflow, `${path} at ${width} px scrolls sideways by ${overflow} px`).toBeLessThanOrEqual(0);
        const text = await proseText(page);
        expect.soft(offending(text, RAW_CODE), `${path} at ${width} px shows an internal code`).toBeNull();
        expect.soft(offending(text, UNROUNDED), `${path} at ${width} px shows an unrounded number`).toBeNull();
        expect.soft(offending(text, BROKEN), `${path} at ${width} px shows a broken value`).toBeNull();
      }
    }
  });
}
