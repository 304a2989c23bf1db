import { estimateReturnsProfiles, forecastReturns, type ReturnsProfile } from "../forecast/forecast-returns";
import type { ProjectedReceipt } from "../projection/project-inventory";
import type { SeriesForecast } from "../types";
import type { IndexedPlanSnapshot } from "./index-plan-snapshot";
import type { PlanOptions } from "./plan-types";

export interface SeriesReturns {
  profile: ReturnsProfile;
  /** Returned units back in sellable stock per projection day: returns in inspection, then forecast returns, after the inspection delay. */
  receipts: ProjectedReceipt[];
}

export const RETURNS_REFERENCE = "returns";

/**
 * Fractional expectations become whole units on the day the running total passes each unit, so the
 * projection never counts on a part of a returned item, and the total is not rounded up.
 */
function wholeUnitReceipts(expectedByDay: Float64Array): ProjectedReceipt[] {
  const receipts: ProjectedReceipt[] = [];
  let cumulative = 0;
  let counted = 0;
  expectedByDay.forEach((expected, dayOffset) => {
    cumulative += expected;
    const whole = Math.floor(cumulative + 1e-9);
    if (whole > counted) receipts.push({ dayOffset, quantity: whole - counted, reference: RETURNS_REFERENCE });
    counted = whole;
  });
  return receipts;
}

/**
 * Returned units coming back to sellable stock, per series with returns history: units received
 * in the last inspection delay are still being inspected (not in the recorded on hand) and become
 * sellable when it ends; future returns are forecast as a lagged share of sales (history, then the
 * forecast) and become sellable an inspection delay after they arrive. Series of groups without
 * any returns are absent.
 */
export function planReturnReceipts(indexed: IndexedPlanSnapshot, forecasts: readonly SeriesForecast[], settings: Pick<PlanOptions, "returnInspectionDays">): Map<string, SeriesReturns> {
  const { asOf } = indexed;
  const inputs = indexed.accepted.map(({ series, location }) => {
    const returns = new Float64Array(series.units.length);
    for (const record of indexed.returnsBySeries.get(series.id) ?? []) {
      const index = record.day - series.firstDay;
      if (index >= 0 && index < returns.length) returns[index] = returns[index]! + record.units;
    }
    return { id: series.id, group: location.id, family: location.type, firstDay: series.firstDay, sales: series.units, returns };
  });
  const profiles = estimateReturnsProfiles(inputs);
  const result = new Map<string, SeriesReturns>();
  indexed.accepted.forEach(({ series, location }, index) => {
    const profile = profiles[index];
    if (!profile) return;
    const forecast = forecasts[index]!;
    const horizon = forecast.mean.length;
    const inspectionDays = Math.max(0, Math.round(settings.returnInspectionDays[location.type]));
    const backByDay = new Float64Array(horizon);
    for (const record of indexed.returnsBySeries.get(series.id) ?? []) {
      const dayOffset = record.day + inspectionDays - asOf - 1;
      if (record.day <= asOf && dayOffset >= 0 && dayOffset < horizon) backByDay[dayOffset] = backByDay[dayOffset]! + record.units;
    }
    const expected = forecastReturns(profile, series.units, forecast.mean);
    for (let h = 0; h + inspectionDays < horizon; h++) backByDay[h + inspectionDays] = backByDay[h + inspectionDays]! + expected[h]!;
    result.set(series.id, { profile, receipts: wholeUnitReceipts(backByDay) });
  });
  return result;
}
