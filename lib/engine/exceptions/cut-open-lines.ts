import type { OpenPurchaseLine } from "./series-context";

export interface LineCut {
  line: OpenPurchaseLine;
  /** Whole cases off this line. */
  units: number;
  /** Excess still to remove when this line's cut is decided (the cut's own units included). */
  excessBefore: number;
}

/**
 * Which open supplier lines to cut, and by how much, to remove `excessUnits`: the latest line first
 * (the stock needed soonest keeps coming), each in whole cases, never more than the line holds.
 */
export function cutOpenLines(lines: readonly OpenPurchaseLine[], excessUnits: number, casePack: number): LineCut[] {
  const cuts: LineCut[] = [];
  let remaining = excessUnits;
  for (const line of [...lines].sort((a, b) => b.expectedDay - a.expectedDay)) {
    const units = Math.min(line.quantity, Math.floor(remaining / casePack) * casePack);
    if (units <= 0) break;
    cuts.push({ line, units, excessBefore: remaining });
    remaining -= units;
  }
  return cuts;
}
