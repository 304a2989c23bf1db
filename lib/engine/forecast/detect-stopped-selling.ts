import type { PreparedHistory } from "./prepare-history";

/** A stop needs at least three weeks without a sale: shorter runs are as often a brief stock-out. */
const MIN_STOP_DAYS = 21;
/** A zero run is a stop when it had less than this chance under the selling-day rate before it. */
const STOP_EVIDENCE = 0.001;
/** Days before the zero run whose selling-day rate the run is tested against. */
const RATE_WINDOW = 365;

/**
 * Regime change to "stopped selling" (a discontinued item, a delisting, an unflagged outage): when the
 * run of observed zero days just before `origin` is at least MIN_STOP_DAYS long and had less than a
 * STOP_EVIDENCE chance under the selling-day share p of the year before it ((1 − p)^run), returns the
 * level of the new regime: the Jeffreys posterior mean of the sale rate since the stop (half a sale in
 * `run` days) times the mean sale. Null when there is no such evidence. Imputed stock-out days neither
 * extend nor break a run.
 */
export function stoppedSellingLevel(history: PreparedHistory, origin: number): number | null {
  const { units, observed } = history;
  let run = 0;
  let t = origin - 1;
  for (; t >= 0; t--) {
    if (observed[t] === 0) continue;
    if (units[t]! > 0) break;
    run++;
  }
  if (run < MIN_STOP_DAYS || t < 0) return null;
  let observedDays = 0;
  let sellingDays = 0;
  let sold = 0;
  for (let s = t; s >= 0 && s > t - RATE_WINDOW; s--) {
    if (observed[s] === 0) continue;
    observedDays++;
    if (units[s]! > 0) {
      sellingDays++;
      sold += units[s]!;
    }
  }
  const share = sellingDays / observedDays;
  if (Math.pow(1 - share, run) >= STOP_EVIDENCE) return null;
  return (0.5 / run) * (sold / sellingDays);
}
