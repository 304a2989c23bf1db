import type { SupplierScore } from "../engine/suppliers/score-supplier";

/** One supplier's row on the buyer's queue: its open work in the viewer's scope and its delivery record. */
export interface TSupplierScorecard extends SupplierScore {
  code: string;
  name: string;
  /** Open exceptions in the viewer's scope about this supplier's products, and their money at risk. */
  openExceptions: number;
  moneyAtRisk: number;
  /** Of those, the ones with a supplier or PO action (order, expedite, cut, confirm) waiting for a person. */
  openSupplierWork: number;
}

export interface TSupplierScorecards {
  /** The business day the figures are as of (the latest plan's day, else today). */
  asOf: string;
  suppliers: TSupplierScorecard[];
}
