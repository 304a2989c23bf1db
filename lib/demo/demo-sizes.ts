export const DEMO_SIZE_NAMES = ["small", "medium", "large"] as const;
export type DemoSizeName = (typeof DEMO_SIZE_NAMES)[number];

export interface DemoSize {
  /** One region per DC. */
  dcs: number;
  stores: number;
  skus: number;
  suppliers: number;
  /** Days of sales history, ending the day before the end date. */
  days: number;
  /** Share of the range each store carries (ecommerce carries everything). */
  assortment: number;
  /**
   * Scales every SKU's rate of sale: a 3 000-SKU store sells each SKU far more slowly than a
   * 120-SKU one, which keeps the large size at tens of millions of sales rows, like a real chain.
   */
  rateScale: number;
  /**
   * Weekly stock snapshots written before the end date, as an ERP's stock history export would hold,
   * so a new database's inventory trend has weeks to show. The large size writes fewer: each snapshot
   * there is ≈ 612 k rows, and the import and the plan's stock read (every stored snapshot) grow with them.
   */
  stockHistoryWeeks: number;
}

export const DEMO_SIZES: Record<DemoSizeName, DemoSize> = {
  small: { dcs: 1, stores: 12, skus: 120, suppliers: 6, days: 400, assortment: 1, rateScale: 1, stockHistoryWeeks: 11 },
  medium: { dcs: 2, stores: 40, skus: 400, suppliers: 12, days: 730, assortment: 0.85, rateScale: 1, stockHistoryWeeks: 11 },
  large: { dcs: 4, stores: 400, skus: 3000, suppliers: 40, days: 730, assortment: 0.5, rateScale: 0.2, stockHistoryWeeks: 4 },
};
