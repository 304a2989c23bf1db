/**
 * A slow mover's backtest has few non-zero days, so which candidates win it is mostly noise: its
 * combination gives this share to the temporal aggregates (ADIDA's weekly level and the year's mean,
 * equally) and the rest to the backtest's choice — selection shrunk toward levels noise hardly moves.
 */
export const SLOW_MOVER_AGGREGATES = ["adida", "ma365"];
export const SLOW_MOVER_AGGREGATE_SHARE = 0.5;

/**
 * Each member's weight in a combination: the backtest's `chosen` candidates share what the
 * `aggregates` leave equally, the aggregates share `aggregateShare` equally; a candidate in both
 * gets both. Members in order of appearance (chosen first); weights sum to 1.
 */
export function combinationWeights(chosen: string[], aggregates: string[], aggregateShare: number): Map<string, number> {
  const share = aggregates.length > 0 ? aggregateShare : 0;
  const weights = new Map<string, number>();
  for (const name of chosen) weights.set(name, (weights.get(name) ?? 0) + (1 - share) / chosen.length);
  for (const name of aggregates) weights.set(name, (weights.get(name) ?? 0) + share / aggregates.length);
  return weights;
}
