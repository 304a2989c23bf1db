import { MS_PER_DAY } from "../calendar";

/** One purchase-order line as the scorecard reads it; times are epoch milliseconds (UTC). */
export interface SupplierLineRecord {
  poNumber: string;
  orderedAt: number;
  promisedAt: number;
  qtyOrdered: number;
  qtyReceived: number;
  /** When the line was received; null while nothing has arrived. */
  receivedAt: number | null;
  /** OPEN | PARTIAL | RECEIVED | CANCELLED, of the whole order. */
  poStatus: string;
}

export interface SupplierScore {
  /** Lines received (the sample the on-time rate and lead times are read from). */
  receivedLines: number;
  /** Share of received lines that arrived on or before the promised day; null with no receipt. */
  onTimeRate: number | null;
  promisedLeadTimeDays: number;
  /** Median, 10th and 90th percentile of the actual lead time (order to receipt), days. */
  leadTimeMedianDays: number | null;
  leadTimeP10Days: number | null;
  leadTimeP90Days: number | null;
  /**
   * Median lead time of the receipts in the last `trendWindowDays` minus the median of the window
   * before it; positive = slower lately. Null when either window has fewer than `minTrendSample` receipts.
   */
  leadTimeTrendDays: number | null;
  /** Units received ÷ units ordered on orders the supplier has finished (received or cancelled). */
  fillRate: number | null;
  /** Open or partial orders past their promised day, and the units still owed on them. */
  openLatePurchaseOrders: number;
  openLateUnits: number;
}

export interface ScoreSupplierOptions {
  trendWindowDays: number;
  minTrendSample: number;
}

export const defaultScoreSupplierOptions: ScoreSupplierOptions = { trendWindowDays: 90, minTrendSample: 3 };

const dayNumber = (ms: number) => Math.floor(ms / MS_PER_DAY);

/** Linear-interpolated quantile of sorted values (the same definition as numpy's default). */
function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower]! + (sorted[upper]! - sorted[lower]!) * (position - lower);
}

function median(values: readonly number[]): number {
  return quantile([...values].sort((a, b) => a - b), 0.5);
}

/**
 * A supplier's delivery record from its purchase-order lines, as of a day: how often it delivers
 * on the promised day, how long it really takes against what it promises (and whether that is
 * getting worse), how much of what was ordered arrives, and what is late right now.
 */
export function scoreSupplier(
  lines: readonly SupplierLineRecord[],
  promisedLeadTimeDays: number,
  asOf: number,
  options: Partial<ScoreSupplierOptions> = {},
): SupplierScore {
  const { trendWindowDays, minTrendSample } = { ...defaultScoreSupplierOptions, ...options };
  const received = lines.filter((line) => line.receivedAt !== null && line.qtyReceived > 0);
  const leadTimes = received.map((line) => dayNumber(line.receivedAt!) - dayNumber(line.orderedAt)).sort((a, b) => a - b);
  const onTime = received.filter((line) => dayNumber(line.receivedAt!) <= dayNumber(line.promisedAt)).length;

  const today = dayNumber(asOf);
  const recent: number[] = [];
  const earlier: number[] = [];
  for (const line of received) {
    const age = today - dayNumber(line.receivedAt!);
    const leadTime = dayNumber(line.receivedAt!) - dayNumber(line.orderedAt);
    if (age < 0) continue;
    if (age < trendWindowDays) recent.push(leadTime);
    else if (age < 2 * trendWindowDays) earlier.push(leadTime);
  }
  const trend = recent.length >= minTrendSample && earlier.length >= minTrendSample ? median(recent) - median(earlier) : null;

  const finished = lines.filter((line) => line.poStatus === "RECEIVED" || line.poStatus === "CANCELLED");
  const finishedOrdered = finished.reduce((sum, line) => sum + line.qtyOrdered, 0);
  const finishedReceived = finished.reduce((sum, line) => sum + Math.min(line.qtyReceived, line.qtyOrdered), 0);

  const lateOpen = lines.filter((line) => (line.poStatus === "OPEN" || line.poStatus === "PARTIAL") && dayNumber(line.promisedAt) < today && line.qtyReceived < line.qtyOrdered);

  return {
    receivedLines: received.length,
    onTimeRate: received.length > 0 ? onTime / received.length : null,
    promisedLeadTimeDays,
    leadTimeMedianDays: leadTimes.length > 0 ? quantile(leadTimes, 0.5) : null,
    leadTimeP10Days: leadTimes.length > 0 ? quantile(leadTimes, 0.1) : null,
    leadTimeP90Days: leadTimes.length > 0 ? quantile(leadTimes, 0.9) : null,
    leadTimeTrendDays: trend,
    fillRate: finishedOrdered > 0 ? finishedReceived / finishedOrdered : null,
    openLatePurchaseOrders: new Set(lateOpen.map((line) => line.poNumber)).size,
    openLateUnits: lateOpen.reduce((sum, line) => sum + line.qtyOrdered - line.qtyReceived, 0),
  };
}
