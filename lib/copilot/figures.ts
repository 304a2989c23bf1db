/**
 * How figures read inside answers, briefings and digests (server-side sentences; the UI formats its
 * own screens): whole dollars, units with thousands separators, whole percentages — the same forms
 * the pages show, so a figure in an answer matches the figure on the page it links to.
 */
const money = new Intl.NumberFormat("en-US", { style: "currency", currency: "USD", maximumFractionDigits: 0 });
const integer = new Intl.NumberFormat("en-US");

/** "$12,400"; amounts that round to zero read "$0", never "-$0". */
export function formatMoney(amount: number): string {
  const rounded = Math.round(amount);
  return money.format(rounded === 0 ? 0 : rounded);
}

/** 1,204 or 3.5. */
export function formatUnits(units: number): string {
  return Number.isInteger(units) ? integer.format(units) : integer.format(Math.round(units * 10) / 10);
}

/** 0.824 → "82%". */
export function formatPercent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
