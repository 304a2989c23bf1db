import "server-only";
import { measureOverrideValueAdded } from "../../engine/kpis/forecast-value-added";
import type { DayNumber } from "../../engine/types";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { Db } from "../db";
import { SYSTEM_ACTOR } from "../actor";
import { fromDayNumber, toDayNumber } from "../../engine/calendar";
import { runWriteTransaction } from "../write-transaction";

/** Entity type of the `forecast.value_added_measured` audit event; its entityId is the override id. */
export const FORECAST_OVERRIDE_ENTITY = "ForecastOverride";

/** The `after` of a `forecast.value_added_measured` audit event. `fva` > 0: the override beat the statistical forecast. */
export interface TOverrideValueAddedAudit {
  statisticalAbsError: number;
  overrideAbsError: number;
  fva: number;
  actualUnits: number;
  daysMeasured: number;
}

/**
 * Measures the forecast value added of every override whose window has started, against the daily
 * actuals up to the last sales day (a day without a sales row sold 0), and stores it beside the
 * override. Re-measured each run until the window has passed, so a late actual is never missed.
 * Each new or changed measurement is audited as `forecast.value_added_measured` in the same
 * transaction as the stored outcome.
 */
export async function computeForecastValueAdded(db: Db, lastSalesDay: DayNumber, now: Date): Promise<number> {
  const overrides = await db.forecastOverride.findMany({ where: { startDate: { lte: fromDayNumber(lastSalesDay) } } });
  const measured = await db.forecastOverrideOutcome.findMany({ select: { overrideId: true, days: true } });
  const outcomeById = new Map(measured.map((m) => [m.overrideId, m]));
  let count = 0;
  for (const override of overrides) {
    const first = toDayNumber(override.startDate);
    const last = Math.min(toDayNumber(override.endDate), lastSalesDay);
    const days = last - first + 1;
    // Same days as last time means the same actuals: nothing to store and nothing new to audit.
    if (outcomeById.get(override.id)?.days === days) continue;
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
    const audit: TOverrideValueAddedAudit = {
      statisticalAbsError: fva.statisticalAbsError,
      overrideAbsError: fva.overrideAbsError,
      fva: fva.valueAddedUnits,
      actualUnits: actuals.reduce((sum, units) => sum + units, 0),
      daysMeasured: days,
    };
    await runWriteTransaction(db, async (tx) => {
      await tx.forecastOverrideOutcome.upsert({ where: { overrideId: override.id }, create: { overrideId: override.id, ...data }, update: data });
      await recordAuditEvent(tx, {
        actor: SYSTEM_ACTOR,
        action: "forecast.value_added_measured",
        entityType: FORECAST_OVERRIDE_ENTITY,
        entityId: override.id,
        after: audit,
        reason: override.reasonCode,
      });
    });
    count++;
  }
  return count;
}
