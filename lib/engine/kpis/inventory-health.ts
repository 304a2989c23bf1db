/** One location × SKU position as the plan saw it. */
export interface StockPosition {
  onHand: number;
  unitCost: number;
  unitPrice: number;
  /** Forecast mean daily demand. */
  dailyDemand: number;
  /** The policy's order-up-to level: the most stock the policy would ever ask for. */
  orderUpToLevel: number;
}

/** Additive inventory facts of a segment at one moment, plus the cost of goods sold over a trailing window. */
export interface InventoryTotals {
  onHandUnits: number;
  /** Working capital: on hand at unit cost. */
  onHandCost: number;
  /** Forecast demand per day, summed. */
  dailyDemand: number;
  excessValue: number;
  markdownExposure: number;
  /** Cost of goods sold over the trailing `cogsDays`. */
  cogs: number;
  cogsDays: number;
}

/** Stock that would still be on hand after this many weeks at the forecast rate is exposed to markdown. */
export const MARKDOWN_HORIZON_WEEKS = 13;

export const WORKING_CAPITAL_DEFINITION = "Working capital in inventory: units on hand at every location valued at unit cost.";
export const INVENTORY_TURNS_DEFINITION =
  "Inventory turns: cost of goods sold over the last 28 days, annualised (× 365 / 28), divided by the inventory on hand at cost.";
export const WEEKS_OF_COVER_DEFINITION = "Weeks of cover: units on hand divided by forecast weekly demand (7 × forecast mean daily units).";
export const EXCESS_VALUE_DEFINITION =
  "Excess inventory value: units on hand above the inventory policy's order-up-to level (stock the policy would never ask for), at unit cost.";
export const MARKDOWN_EXPOSURE_DEFINITION = `Markdown exposure: units on hand not expected to sell within ${MARKDOWN_HORIZON_WEEKS} weeks at the forecast rate, at retail price — the value at risk of being marked down.`;

export function summarizeStockPositions(positions: readonly StockPosition[]): Omit<InventoryTotals, "cogs" | "cogsDays"> {
  const out = { onHandUnits: 0, onHandCost: 0, dailyDemand: 0, excessValue: 0, markdownExposure: 0 };
  for (const p of positions) {
    const onHand = Math.max(0, p.onHand);
    out.onHandUnits += onHand;
    out.onHandCost += onHand * p.unitCost;
    out.dailyDemand += p.dailyDemand;
    out.excessValue += Math.max(0, onHand - p.orderUpToLevel) * p.unitCost;
    out.markdownExposure += Math.max(0, onHand - p.dailyDemand * 7 * MARKDOWN_HORIZON_WEEKS) * p.unitPrice;
  }
  return out;
}

/** Null without stock to turn. */
export function inventoryTurns(t: Pick<InventoryTotals, "cogs" | "cogsDays" | "onHandCost">): number | null {
  if (t.onHandCost <= 0 || t.cogsDays <= 0) return null;
  return (t.cogs * 365) / t.cogsDays / t.onHandCost;
}

/** Null without forecast demand (cover is unbounded). */
export function weeksOfCover(t: Pick<InventoryTotals, "onHandUnits" | "dailyDemand">): number | null {
  return t.dailyDemand > 0 ? t.onHandUnits / (t.dailyDemand * 7) : null;
}
