import "server-only";
import { measureOverrideValueAdded } from "../../engine/kpis/forecast-value-added";
import type { DayNumber } from "../../engine/types";
import type { Db } from "../db";
import { fromDayNumber, toDayNumber } from "../plan-runs/calendar-days";

/**
 * Measures the forecast value added of every override whose window has started, against the daily
 * actuals up to the last sales day (a day without a sales row sold 0), and stores it beside the
 * override. Re-measured each run until the window has passed, so a late actual is never missed.
 */
export async function computeForecastValueAdded(db: Db, lastSalesDay: DayNumber, now: Date): Promise<number> {
  const overrides = await db.forecastOverride.findMany({ where: { startDate: { lte: fromDayNumber(lastSalesDay) } } });
  const measured = await db.forecastOverrideOutcome.findMany({ select: { overrideId: true, days: true } });
  const daysMeasured = new Map(measured.map((m) => [m.overrideId, m.days]));
  let count = 0;
  for (const override of overrides) {
    const first = toDayNumber(override.startDate);
    const last = Math.min(toDayNumber(override.endDate), lastSalesDay);
    const days = last - first + 1;
    if (daysMeasured.get(override.id) === days) continue;
    const sales = await db.salesDaily.findMany({
      where: { locationId: override.locationId, productId: override.productId, date: { gte: override.startDate, lte: fromDayNumber(last) } },
      select: { date: true, units: true },
    });
    const actuals = new Array<number>(days).fill(0);
    for (const sale of sales) actuals[toDayNumber(sale.date) - first] = sale.units;
    const fva = measureOverrideValueAdded({ statisticalDaily: override.statisticalUnits, overrideDaily: override.overrideUnits, actuals });
    const data = {
      days,
      statisticalAbsError: fva.statisticalAbsError,
      overrideAbsError: fva.overrideAbsError,
      valueAddedUnits: fva.valueAddedUnits,
      measuredAt: now,
    };
    await db.forecastOverrideOutcome.upsert({ where: { overrideId: override.id }, create: { overrideId: override.id, ...data }, update: data });
    count++;
  }
  return count;
}
