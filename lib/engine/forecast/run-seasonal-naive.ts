import { SEASON_PERIOD } from "./ets-model";

/** Weekly seasonal naive: each horizon day repeats the same weekday of the last week before the origin. */
export function runSeasonalNaive(y: Float64Array, start: number, origins: Int32Array, horizon: number, out: Float64Array): void {
  for (let k = 0; k < origins.length; k++) {
    const origin = origins[k]!;
    for (let h = 0; h < horizon; h++) {
      const source = origin - SEASON_PERIOD + (h % SEASON_PERIOD);
      // Near the start of a short history, borrow the same weekday from the first week instead.
      const day = source >= start ? source : start + ((((source - start) % SEASON_PERIOD) + SEASON_PERIOD) % SEASON_PERIOD);
      out[k * horizon + h] = day < origin ? y[day]! : 0;
    }
  }
}
