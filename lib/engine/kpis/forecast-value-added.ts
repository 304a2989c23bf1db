export const FVA_DEFINITION =
  "Forecast value added of an override: the statistical forecast's absolute error minus the override's absolute error, in units, over the override's days that have actuals. Positive means the planner's change made the forecast better; the % figure divides by the statistical forecast's error.";

/** A forecast override whose window has (some) actuals: daily units, one per day of the window with actuals. */
export interface OverrideOutcomeInput {
  statisticalDaily: number;
  overrideDaily: number;
  actuals: readonly number[];
}

export interface ForecastValueAdded {
  status: "measured" | "no-actuals";
  days: number;
  statisticalAbsError: number;
  overrideAbsError: number;
  /** statisticalAbsError − overrideAbsError; positive when the override helped. */
  valueAddedUnits: number;
  /** valueAddedUnits ÷ statisticalAbsError; null when the statistical forecast was exact. */
  valueAddedShare: number | null;
}

export function measureOverrideValueAdded(input: OverrideOutcomeInput): ForecastValueAdded {
  let statisticalAbsError = 0;
  let overrideAbsError = 0;
  for (const actual of input.actuals) {
    statisticalAbsError += Math.abs(actual - input.statisticalDaily);
    overrideAbsError += Math.abs(actual - input.overrideDaily);
  }
  const valueAddedUnits = statisticalAbsError - overrideAbsError;
  return {
    status: input.actuals.length > 0 ? "measured" : "no-actuals",
    days: input.actuals.length,
    statisticalAbsError,
    overrideAbsError,
    valueAddedUnits,
    valueAddedShare: statisticalAbsError > 0 ? valueAddedUnits / statisticalAbsError : null,
  };
}

/** Pooled FVA of a group of overrides (planner, category, reason): sums of the errors, share of the statistical error. */
export function poolOverrideValueAdded(items: readonly ForecastValueAdded[]): ForecastValueAdded {
  const measured = items.filter((i) => i.status === "measured");
  const statisticalAbsError = measured.reduce((s, i) => s + i.statisticalAbsError, 0);
  const overrideAbsError = measured.reduce((s, i) => s + i.overrideAbsError, 0);
  const valueAddedUnits = statisticalAbsError - overrideAbsError;
  return {
    status: measured.length > 0 ? "measured" : "no-actuals",
    days: measured.reduce((s, i) => s + i.days, 0),
    statisticalAbsError,
    overrideAbsError,
    valueAddedUnits,
    valueAddedShare: statisticalAbsError > 0 ? valueAddedUnits / statisticalAbsError : null,
  };
}
