/** One supplier's row on the buyer's queue: its open work in the viewer's scope and its delivery record. */
export interface TSupplierScorecard {
  code: string;
  name: string;
  /** Open exceptions in the viewer's scope about this supplier's products, and their money at risk. */
  openExceptions: number;
  moneyAtRisk: number;
  /** Of those, the ones with a supplier or PO action (order, expedite, cut, confirm) waiting for a person. */
  openSupplierWork: number;
  /** Received PO lines: the sample the on-time rate and lead times are read from. */
  receivedLines: number;
  /** Share of received lines that arrived by the promised day; null without a receipt. */
  onTimeRate: number | null;
  promisedLeadTimeDays: number;
  /** Actual lead time, order to receipt, in days: median, 10th and 90th percentile. */
  leadTimeMedianDays: number | null;
  leadTimeP10Days: number | null;
  leadTimeP90Days: number | null;
  /** Median lead time of the last 90 days minus the 90 days before (positive = slower lately); null on a small sample. */
  leadTimeTrendDays: number | null;
  /** Units received ÷ ordered on finished orders. */
  fillRate: number | null;
  /** Open or partial POs past their promised day, and the units still owed on them. */
  openLatePurchaseOrders: number;
  openLateUnits: number;
}

export interface TSupplierScorecards {
  /** The business day the figures are as of (the latest plan's day, else today). */
  asOf: string;
  suppliers: TSupplierScorecard[];
}
