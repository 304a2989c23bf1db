import { expect, test } from "@playwright/test";
import Database from "better-sqlite3";
import { tmpdir } from "node:os";
import path from "node:path";
import { signIn } from "./support";

/** A stored simulation report as `npm run simulate` saves it (trimmed to what the dashboard reads, plus one extra field). */
const report = {
  seed: 3,
  days: 90,
  size: "small",
  planners: 1,
  policies: {
    stockpilot: { inStockPct: 97.4, fillRate: 0.9612, lostSalesValue: 48_000, avgInventoryValue: 900_000, totalCost: 120_000, decisionsPerPlannerDay: 30 },
    minmax: { inStockPct: 93.9, fillRate: 0.94, lostSalesValue: 90_000, avgInventoryValue: 1_000_000, totalCost: 110_000, decisionsPerPlannerDay: 0 },
  },
  exceptions: {
    precision: { projected_stockout: 0.62, excess_stock: 0.9, inventory_inaccuracy: 0.4, supplier_delay: 1 },
    recall: 0.85,
    churn: 0.08,
    perPlannerDay: 12.5,
  },
};

function saveSimulation() {
  const sqlite = new Database(path.join(tmpdir(), "stockpilot-e2e", "e2e.db"), { fileMustExist: true });
  try {
    sqlite
      .prepare(`INSERT INTO "SimulationRun" ("id", "createdAt", "size", "seed", "days", "report") VALUES (?, ?, ?, ?, ?, ?)`)
      .run("e2e-simulation", new Date().toISOString(), report.size, report.seed, report.days, JSON.stringify(report));
  } finally {
    sqlite.close();
  }
}

test("the dashboard shows the last simulation's decision quality against the targets", async ({ page }) => {
  await signIn(page, "executive");
  const card = page.getByRole("region", { name: "Decision quality" });
  await expect(card).toContainText("No simulation yet");

  saveSimulation();
  await page.reload();
  await expect(card).toContainText("small demo retailer, seed 3, 90 days");
  const stockpilot = card.getByRole("row", { name: /Following Stockpilot/ });
  await expect(stockpilot).toContainText("97.4%");
  await expect(stockpilot).toContainText("96.1%");
  await expect(card.getByRole("row", { name: /Static min-max/ })).toContainText("93.9%");
  await expect(card).toContainText("0.62");

  const targets = card.getByRole("table", { name: "Targets" });
  await expect(targets.getByRole("row", { name: /In-stock vs min-max/ })).toContainText("+3.5 pts");
  await expect(targets.getByRole("row", { name: /In-stock vs min-max/ })).toContainText("met");
  await expect(targets.getByRole("row", { name: /Average inventory vs min-max/ })).toContainText("−10.0 %");
  await expect(targets.getByRole("row", { name: /Average inventory vs min-max/ })).toContainText("not met");
  await expect(targets.getByRole("row", { name: /Projected-stockout precision/ })).toContainText("not met");
  await expect(targets.getByRole("row", { name: /recall/ })).toContainText("0.85");
});
