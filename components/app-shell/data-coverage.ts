import type { DataCoverage } from "@/lib/contracts/imports";
import { formatDate, formatDayMonth, formatInt } from "@/lib/contracts/format";

const plural = (n: number, word: string) => `${formatInt(n)} ${word}${n === 1 ? "" : "s"}`;

/** How fresh the sales are, in words: "through yesterday", "3 days old". */
export function salesFreshness(coverage: DataCoverage): string | null {
  if (coverage.salesAgeDays === null) return null;
  if (coverage.salesAgeDays <= 0) return "through today";
  if (coverage.salesAgeDays === 1) return "through yesterday";
  return `${formatInt(coverage.salesAgeDays)} days old`;
}

/** The header's one line: the sales window's end and age, and the network it covers. */
export function coverageSummary(coverage: DataCoverage): string {
  if (!coverage.salesTo) return coverage.locations + coverage.products === 0 ? "No data imported yet" : "No sales imported yet";
  return `Sales to ${formatDayMonth(coverage.salesTo)} (${salesFreshness(coverage)}) · ${plural(coverage.locations, "location")} · ${plural(coverage.products, "product")}`;
}

/** Everything the plan is based on, as sentences (the header's tooltip and the data page). */
export function coverageDetails(coverage: DataCoverage): string[] {
  return [
    coverage.salesFrom && coverage.salesTo
      ? `Sales from ${formatDate(coverage.salesFrom)} to ${formatDate(coverage.salesTo)} (${salesFreshness(coverage)}).`
      : "No sales yet: nothing to forecast from.",
    `${plural(coverage.locations, "location")} and ${plural(coverage.products, "product")}.`,
    coverage.inventoryAsOf ? `Stock as counted on ${formatDate(coverage.inventoryAsOf)}.` : "No stock count yet: projections cannot start from stock on hand.",
    `${plural(coverage.openPurchaseOrders, "open purchase order")}; ${plural(coverage.currentPromotions, "current or upcoming promotion")}.`,
    coverage.missing.length > 0 ? `Missing: ${coverage.missing.join(", ")}.` : "Nothing the plan needs is missing.",
  ];
}
