import "server-only";
import type { Recommendation } from "@prisma/client";
import { recordAuditEvents, type AuditEventInput } from "../audit/record-audit-event";
import type { DbTransaction } from "../db";
import type { SYSTEM_ACTOR, UserActor } from "../actor";
import type { PlanSeries } from "../plan-runs/request-plan-run";
import { fromDayNumber, isoDay } from "../../engine/calendar";
import { APPROVED_RECOMMENDATION_REASON } from "../../contracts/exceptions";
import { parseSeriesChartData, type SeriesChartData } from "../../contracts/plan-runs";
import { ZPricedDetails } from "./action-pricing.types";

/** Chart rows read per query. */
const CHUNK = 200;

/** The `after` of a `forecast.changed_by_approval` audit event (entity: the exception). */
export interface TApprovedForecastChangeAudit {
  forecastOverrideId: string;
  recommendationId: string;
  locationId: number;
  productId: number;
  startDate: string;
  endDate: string;
  /** The forecast the plan now uses on those days, units per day. */
  dailyUnits: number;
  /** The approved change, units per day (signed). */
  dailyChange: number;
  /** The forecast it replaced, units per day. */
  replacedUnits: number;
}

/** The forecast an approved change applies to: the recommending run's chart of the series. */
interface ChangeBasis {
  recommendation: Recommendation;
  locationId: number;
  productId: number;
  chart: SeriesChartData;
}

/**
 * Days the change holds, from the plan date of the run that proposed it: the days it was priced
 * over (a demand deviation's lead time and review), else the whole forecast horizon (a drift's
 * correction) — the window the simulator's ERP applies it over (stockpilot-decisions.ts).
 */
function changeDays(recommendation: Recommendation, horizon: number): number {
  let pricedDays: number | undefined;
  try {
    const parsed = ZPricedDetails.safeParse(JSON.parse(recommendation.details));
    if (parsed.success && parsed.data.pricing.model === "capped-cover") pricedDays = parsed.data.pricing.quantityDays;
  } catch {
    // Details that are not JSON price nothing: the change lasts the horizon.
  }
  return Math.max(1, Math.min(horizon, Math.ceil(pricedDays ?? horizon)));
}

const round2 = (value: number) => Math.round(value * 100) / 100;

/**
 * Carries approved "adjust forecast" actions into Stockpilot's own forecast: for each, a forecast
 * override of its series over the action's window, at the forecast the recommending run used
 * there plus the approved change per day. Plan runs lay it over the statistical forecast like a
 * planner's override (the newest override covering a day wins), so the next run's projection,
 * safety stock and exceptions follow what was approved. Runs inside the approval's own transaction
 * — a person's approval, or the policy's auto-approval while routing or publishing a run — so an
 * approval that fails writes no override. Each override is audited as `forecast.changed_by_approval`
 * on its exception. The approver (null when automatic) is recorded as createdById for the audit; the
 * override is not theirs for segregation of duties (forecast-override-authors.ts). Other actions
 * pass through untouched. Returns the series whose forecast changed, one per override written: a
 * person's approval replans them once it commits (approve-recommendation.ts); the policy's
 * auto-approvals leave them to the next run.
 */
export async function applyApprovedForecastChanges(
  tx: DbTransaction,
  approved: readonly Recommendation[],
  approver: UserActor | typeof SYSTEM_ACTOR,
): Promise<PlanSeries[]> {
  const changes = approved.filter((r) => r.actionType === "adjust_forecast" && (r.status === "approved" || r.status === "auto_approved"));
  if (changes.length === 0) return [];
  const bases = await changeBases(tx, changes);
  const rows = bases.map(({ recommendation, locationId, productId, chart }) => {
    const horizon = chart.mean.length;
    const days = changeDays(recommendation, horizon);
    // A DC's chart shows the demand pulled through it; the override replaces its own forecast.
    const own = chart.ownMean ?? chart.mean;
    let replaced = 0;
    for (let day = 0; day < days; day += 1) replaced += own[day] ?? 0;
    replaced /= days;
    return {
      recommendation,
      chart,
      days,
      data: {
        locationId,
        productId,
        createdById: approver.id,
        reasonCode: APPROVED_RECOMMENDATION_REASON,
        startDate: fromDayNumber(chart.forecastFirstDay),
        endDate: fromDayNumber(chart.forecastFirstDay + days - 1),
        overrideUnits: round2(Math.max(0, replaced + recommendation.quantity)),
        statisticalUnits: round2(replaced),
        planRunId: recommendation.planRunId,
        sourceActionId: recommendation.id,
      },
    };
  });
  if (rows.length === 0) return [];
  const written = await tx.forecastOverride.createManyAndReturn({ data: rows.map((row) => row.data) });
  const bySource = new Map(written.map((override) => [override.sourceActionId, override]));
  const audits: AuditEventInput[] = rows.map(({ recommendation, chart, days, data }) => {
    const override = bySource.get(recommendation.id)!;
    const after: TApprovedForecastChangeAudit = {
      forecastOverrideId: override.id,
      recommendationId: recommendation.id,
      locationId: data.locationId,
      productId: data.productId,
      startDate: isoDay(chart.forecastFirstDay),
      endDate: isoDay(chart.forecastFirstDay + days - 1),
      dailyUnits: data.overrideUnits,
      dailyChange: recommendation.quantity,
      replacedUnits: data.statisticalUnits,
    };
    return {
      actor: approver,
      action: "forecast.changed_by_approval",
      entityType: "Exception",
      entityId: recommendation.exceptionId,
      after,
      planRunId: recommendation.planRunId,
      policyVersion: recommendation.policyVersion,
    };
  });
  await recordAuditEvents(tx, audits);
  return written.map(({ locationId, productId }) => ({ locationId, productId }));
}

/**
 * Each change's series and the forecast it was stated against: the chart its own run wrote (a run
 * writes the chart of every series with an exception before publishing), else the latest
 * succeeded run's. A change with neither has no forecast to change and writes nothing; it is still
 * approved and exported to the ERP.
 */
async function changeBases(tx: DbTransaction, changes: readonly Recommendation[]): Promise<ChangeBasis[]> {
  const exceptions = await tx.exception.findMany({
    where: { id: { in: [...new Set(changes.map((r) => r.exceptionId))] } },
    select: { id: true, locationId: true, productId: true },
  });
  const seriesOf = new Map(exceptions.map((e) => [e.id, e]));
  const key = (planRunId: string, locationId: number, productId: number) => `${planRunId}|${locationId}|${productId}`;
  const charts = new Map<string, SeriesChartData | null>();
  for (let start = 0; start < changes.length; start += CHUNK) {
    const chunk = changes.slice(start, start + CHUNK);
    const rows = await tx.planRunSeries.findMany({
      where: {
        OR: chunk.map((r) => {
          const series = seriesOf.get(r.exceptionId)!;
          return { planRunId: r.planRunId, locationId: series.locationId, productId: series.productId };
        }),
      },
    });
    for (const row of rows) charts.set(key(row.planRunId, row.locationId, row.productId), parseSeriesChartData(row.data));
  }
  const bases: ChangeBasis[] = [];
  for (const recommendation of changes) {
    const { locationId, productId } = seriesOf.get(recommendation.exceptionId)!;
    let chart = charts.get(key(recommendation.planRunId, locationId, productId)) ?? null;
    if (!chart) {
      const latest = await tx.planRunSeries.findFirst({
        where: { locationId, productId, planRun: { status: "succeeded" } },
        orderBy: { planRun: { finishedAt: "desc" } },
      });
      chart = latest ? parseSeriesChartData(latest.data) : null;
    }
    if (chart && chart.mean.length > 0) bases.push({ recommendation, locationId, productId, chart });
  }
  return bases;
}
