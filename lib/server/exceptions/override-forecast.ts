import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { Db } from "../db";
import type { UserActor } from "../actor";
import { AppError, forbidden } from "../app-error";
import { can } from "../../contracts/permissions";
import { toDayNumber } from "../../engine/calendar";
import { requestSeriesReplan } from "../plan-runs/request-plan-run";
import { parseSeriesChartData } from "../../contracts/plan-runs";
import { exceptionWriteOptions } from "./exception-write-options";
import type { FORECAST_OVERRIDE_REASONS } from "../../contracts/exceptions";
import { loadExceptionInScope } from "./load-exception-in-scope";
import { runWriteTransaction } from "../write-transaction";

const MAX_OVERRIDE_DAYS = 366;

export interface OverrideForecastInput {
  startDate: string;
  endDate: string;
  dailyUnits: number;
  reasonCode: (typeof FORECAST_OVERRIDE_REASONS)[number];
  comment?: string;
}

/**
 * Overrides the forecast of the exception's series over a date range, keeping the statistical
 * forecast it replaces (for forecast value added), and queues a replan of that one series so the
 * policy, projection, exception and recommendations follow the planner's number.
 */
export async function overrideForecast(
  db: Db,
  actor: UserActor,
  exceptionId: string,
  input: OverrideForecastInput,
  options: { now?: Date } = {},
): Promise<{ overrideId: string; replanRunId: string | null }> {
  if (!can(actor.role, "forecast.override")) throw forbidden("Your role cannot override forecasts.");
  const now = options.now ?? new Date();
  const start = new Date(`${input.startDate}T00:00:00.000Z`);
  const end = new Date(`${input.endDate}T00:00:00.000Z`);
  const fieldErrors: Record<string, string[]> = {};
  if (end < start) fieldErrors.endDate = ["the end date is before the start date"];
  if (toDayNumber(end) < toDayNumber(now)) fieldErrors.endDate = ["an override must reach today or later"];
  if (toDayNumber(end) - toDayNumber(start) + 1 > MAX_OVERRIDE_DAYS) fieldErrors.endDate = [`an override covers at most ${MAX_OVERRIDE_DAYS} days`];
  if (Object.keys(fieldErrors).length > 0) throw new AppError("VALIDATION_FAILED", "The override dates are not valid.", { fieldErrors });

  const { exception, override } = await runWriteTransaction(db, async (tx) => {
    const { exception } = await loadExceptionInScope(tx, actor, exceptionId);
    // The forecast it replaces over the same window, from the series' latest chart data (0 where the horizon ends);
    // a DC's own forecast, not the demand pulled through it.
    const series = await tx.planRunSeries.findFirst({
      where: { locationId: exception.locationId, productId: exception.productId, planRun: { status: "succeeded" } },
      orderBy: { planRun: { finishedAt: "desc" } },
    });
    const chart = series ? parseSeriesChartData(series.data) : null;
    let total = 0;
    const [first, last] = [toDayNumber(start), toDayNumber(end)];
    const replaced = chart ? (chart.ownMean ?? chart.mean) : [];
    for (let day = first; day <= last; day += 1) total += replaced[day - (chart?.forecastFirstDay ?? 0)] ?? 0;
    const override = await tx.forecastOverride.create({
      data: {
        locationId: exception.locationId,
        productId: exception.productId,
        createdById: actor.id,
        reasonCode: input.reasonCode,
        startDate: start,
        endDate: end,
        overrideUnits: input.dailyUnits,
        statisticalUnits: total / (last - first + 1),
        planRunId: exception.lastRunId,
      },
    });
    await recordAuditEvent(tx, {
      actor,
      action: "forecast.overridden",
      entityType: "Exception",
      entityId: exception.id,
      after: {
        forecastOverrideId: override.id,
        locationId: override.locationId,
        productId: override.productId,
        startDate: input.startDate,
        endDate: input.endDate,
        dailyUnits: override.overrideUnits,
        statisticalUnits: override.statisticalUnits,
      },
      reason: [input.reasonCode, input.comment].filter(Boolean).join(": "),
      planRunId: exception.lastRunId,
    });
    return { exception, override };
  }, exceptionWriteOptions);

  const [replan] = await requestSeriesReplan(db, actor, [{ locationId: exception.locationId, productId: exception.productId }]);
  return { overrideId: override.id, replanRunId: replan?.id ?? null };
}
