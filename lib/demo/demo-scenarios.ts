/**
 * The situations planted in the demo data, with the codes that carry them. The codes are the same
 * for every size and seed, so the docs, demos and tests can point at them.
 */
export const PLANTED = {
  promoSpike: {
    category: "Skincare",
    region: "North",
    regionPromoCode: "PROMO-SKIN-NORTH",
    onlinePromoCode: "PROMO-SKIN-ECOM",
    /** Started this many days before the end date; runs 4 days past it. */
    startedDaysAgo: 10,
    expectedUplift: 0.25,
    urbanLift: 1.6,
    suburbanLift: 1.12,
    onlineLift: 1.28,
  },
  upcomingPromo: { code: "PROMO-OUTER-NORTH", category: "Outerwear", region: "North", startsInDays: 14, days: 10, expectedUplift: 0.5 },
  supplierDelay: {
    supplier: "SUP03",
    promisedDays: 7,
    /** Receipt lead time slips linearly from 7 to 11 days over this many final days. */
    slipWindowDays: 56,
    slippedDays: 11,
    /** Stores wait longer for this supplier's SKUs over the final weeks, so they run out. */
    shortageDays: 21,
  },
  overstock: { category: "Cookware", cluster: "suburban", pushedDaysAgo: 60, weeksOfCoverPushed: 20 },
  phantom: { location: "S002", sku: "SKU0004", phantomOnHand: 14, silentDays: 35 },
  negativeOnHand: { location: "S003", sku: "SKU0008", onHand: -3 },
  /**
   * A supplier delivering a few of its SKUs straight to two stores every week over the final
   * weeks, so the demo store manager (the first stores of the region) has deliveries to receive.
   */
  storeDelivery: { supplier: "SUP01", locations: ["S001", "S002"], skus: 3, weeks: 8 },
  /**
   * The delayed supplier's SKU earning the most margin a day (write-demo-sales.ts): the DC is out of it and its last delivery went to S003
   * instead of S002, so S003 holds weeks of it while S002 has run empty. Both are suburban stores
   * (transfers run between stores of a cluster): the plan proposes a store-to-store transfer worth
   * more than the system approves alone; once approved, S003's manager ships it and S002's (the demo
   * store manager) receives it.
   */
  lateralTransfer: { from: "S003", to: "S002", supplier: "SUP03", pushedDaysAgo: 5, weeksOfCoverPushed: 6 },
  /** Every fifth SKU (SKU0005, SKU0010, …) sells a few units a month. */
  slowMoverEvery: 5,
} as const;

export interface DemoScenario {
  id: string;
  /** The exception type of the product brief a planner should see. */
  exception: string;
  where: string;
  what: string;
}

export const DEMO_SCENARIOS: readonly DemoScenario[] = [
  {
    id: "promotion-spike",
    exception: "Demand deviation",
    where: `category ${PLANTED.promoSpike.category}, urban stores of region ${PLANTED.promoSpike.region} and ECOM01; promotions ${PLANTED.promoSpike.regionPromoCode}, ${PLANTED.promoSpike.onlinePromoCode}`,
    what: "A promotion planned at +25 % started 10 days before the end date; urban stores sell about +60 %, suburban +12 %, online +28 %.",
  },
  {
    id: "upcoming-promotion",
    exception: "Promotion readiness",
    where: `promotion ${PLANTED.upcomingPromo.code}: category ${PLANTED.upcomingPromo.category}, region ${PLANTED.upcomingPromo.region}`,
    what: "Starts 14 days after the end date with an expected +50 % lift that store stock does not cover.",
  },
  {
    id: "supplier-lead-time-deterioration",
    exception: "Supplier delay",
    where: `supplier ${PLANTED.supplierDelay.supplier} (promised lead time 7 days), its POs to every DC`,
    what: "Receipts slip from about 7 to about 11 days over the last 8 weeks; the PO ordered 7–13 days before the end date to DC01 is still open past its promised date; stores run short of its SKUs in the final 3 weeks (stockout=1 days).",
  },
  {
    id: "suburban-overstock",
    exception: "Excess / overstock",
    where: `category ${PLANTED.overstock.category} in suburban stores`,
    what: "A push allocation 60 days before the end date left about 20 weeks of cover on hand.",
  },
  {
    id: "phantom-inventory",
    exception: "Inventory inaccuracy",
    where: `${PLANTED.phantom.location} × ${PLANTED.phantom.sku}`,
    what: "A normally selling item shows 14 units on hand but has had no sales for the last 35 days.",
  },
  {
    id: "direct-store-delivery",
    exception: "Store task: receive a delivery",
    where: `supplier ${PLANTED.storeDelivery.supplier} to ${PLANTED.storeDelivery.locations.join(" and ")}`,
    what: "Weekly direct deliveries of three SKUs over the last 8 weeks; the latest are still open and due within the coming days.",
  },
  {
    id: "transfer-out-of-a-store",
    exception: "Store-to-store transfer (store tasks: ship it, receive it)",
    where: `supplier ${PLANTED.lateralTransfer.supplier}'s SKU earning the most margin a day at ${PLANTED.lateralTransfer.from}, ${PLANTED.lateralTransfer.to} and the DC`,
    what: `The DC is out of it, its last delivery (${PLANTED.lateralTransfer.weeksOfCoverPushed} weeks of cover) went to ${PLANTED.lateralTransfer.from} and ${PLANTED.lateralTransfer.to} has had nothing since: the plan proposes a transfer ${PLANTED.lateralTransfer.from} → ${PLANTED.lateralTransfer.to} for a planner to approve; then ${PLANTED.lateralTransfer.from}'s manager confirms it shipped and the demo store manager confirms it received on /store.`,
  },
  {
    id: "stock-history",
    exception: "(dashboard trend)",
    where: "every stocked series",
    what: "Eleven weekly stock snapshots before the end date in inventory.csv (small size): the inventory trend of a new database starts with them.",
  },
  {
    id: "negative-on-hand",
    exception: "Inventory inaccuracy",
    where: `${PLANTED.negativeOnHand.location} × ${PLANTED.negativeOnHand.sku}`,
    what: "The inventory snapshot shows -3 units on hand.",
  },
  {
    id: "intermittent-slow-movers",
    exception: "Forecast drift / excess",
    where: "every fifth SKU (SKU0005, SKU0010, …)",
    what: "Sells a few units a month per store: most days have no sale.",
  },
  {
    id: "seasonality",
    exception: "(forecast input)",
    where: "all series",
    what: "Weekly pattern peaking on Saturday; yearly peaks in winter (Outerwear, Boots), summer (Bottoms/Shorts, Garden, Camping) and a December gift peak (Fragrance, Decor).",
  },
  {
    id: "stockout-days",
    exception: "Projected stockout / lost sales",
    where: "any series, most often fast sellers and SUP03 SKUs",
    what: "Days the store ran out are marked stockout=1 and their units are censored (what was on the shelf, not the demand).",
  },
];
