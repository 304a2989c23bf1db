import type { SupplierLeadTimeSummary } from "../policy/summarize-supplier-lead-times";
import type { DayNumber } from "../types";

/**
 * Expected arrival of an open PO line: the promised day moved by the supplier's current lateness
 * (recent mean lead time − promise when recent orders exist, else the overall mean lateness). An
 * order already past that date is expected one current lateness from tomorrow, at least tomorrow.
 */
export function estimateReceiptDay(promisedDay: DayNumber, asOf: DayNumber, supplier: SupplierLeadTimeSummary | undefined): DayNumber {
  if (!supplier) return Math.max(asOf + 1, promisedDay);
  const recentLateness = supplier.recentMeanDays - supplier.promisedDays;
  const lateness = Math.max(0, Math.round(Number.isFinite(recentLateness) ? recentLateness : supplier.meanLatenessDays));
  const expected = promisedDay + lateness;
  return expected > asOf ? expected : asOf + 1 + lateness;
}
