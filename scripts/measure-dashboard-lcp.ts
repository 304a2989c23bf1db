/**
 * `node --import tsx scripts/measure-dashboard-lcp.ts [baseUrl] [runs]` — signs in as the executive
 * and prints the largest contentful paint of /dashboard (cold first load, then warm reloads), as the
 * browser reports it through PerformanceObserver('largest-contentful-paint').
 * Needs a running server with demo users; uses Debian's Chromium (CHROMIUM_PATH to override).
 */
import { chromium } from "playwright-core";
import { DEMO_PASSWORD } from "../lib/demo/demo-accounts";

const baseUrl = process.argv[2] ?? "http://127.0.0.1:3300";
const runs = Number(process.argv[3] ?? 5);

const readLcp = () =>
  new Promise<{ lcp: number; element: string }>((resolve) => {
    new PerformanceObserver((list) => {
      const entries = list.getEntries() as (PerformanceEntry & { element?: Element | null })[];
      const last = entries.at(-1)!;
      resolve({ lcp: last.startTime, element: last.element ? `${last.element.tagName.toLowerCase()} "${(last.element.textContent ?? "").slice(0, 40)}"` : "?" });
    }).observe({ type: "largest-contentful-paint", buffered: true });
  });

async function main() {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  const page = await (await browser.newContext({ viewport: { width: 1440, height: 900 } })).newPage();
  await page.goto(`${baseUrl}/signin`);
  await page.getByLabel("Email").fill("exec@demo.stockpilot");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await page.waitForURL(/\/dashboard/);
  const figures: number[] = [];
  for (let i = 0; i < runs; i++) {
    await page.goto(`${baseUrl}/dashboard`, { waitUntil: "load" });
    const { lcp, element } = await page.evaluate(readLcp);
    figures.push(lcp);
    console.log(`run ${i + 1}: LCP ${Math.round(lcp)} ms (${element})`);
  }
  const sorted = [...figures].sort((a, b) => a - b);
  console.log(`LCP median ${Math.round(sorted[Math.floor(sorted.length / 2)]!)} ms, worst ${Math.round(sorted.at(-1)!)} ms over ${runs} loads`);
  await browser.close();
}

void main();
