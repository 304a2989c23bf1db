import { z } from "zod";

export const PLAN_RUN_STATUSES = ["queued", "running", "succeeded", "failed"] as const;
export type TPlanRunStatus = (typeof PLAN_RUN_STATUSES)[number];

/** What started a run: an import, the daily schedule, a person (web or CLI), or a forecast override. */
export const PLAN_RUN_TRIGGERS = ["import", "schedule", "manual", "cli", "event"] as const;
export type TPlanRunTrigger = (typeof PLAN_RUN_TRIGGERS)[number];

/** Stages in the order a run goes through them; PlanRun.stage names the one in progress. */
export const PLAN_RUN_STAGES = ["snapshot", "forecast", "planning", "persist", "publish"] as const;
export type TPlanRunStage = (typeof PLAN_RUN_STAGES)[number];

/** A run limited to one series (the replan after a forecast override); null = the whole network. */
/**
 * A partial run: one product at every location (so its DC allocation and transfers are planned
 * again, as events need), or one series when `locationId` is given (a forecast override).
 */
export const ZPlanRunScope = z.object({ productId: z.number().int(), locationId: z.number().int().optional() });
export type TPlanRunScope = z.infer<typeof ZPlanRunScope>;

/** PlanRun.counts. */
export interface TPlanRunCounts {
  series: number;
  seriesSkipped: number;
  /** Exceptions the engine found. */
  detected: number;
  opened: number;
  updated: number;
  /** Closed earlier (condition cleared or decided) and raised again. */
  reopened: number;
  /** Closed because the condition disappeared. */
  closed: number;
  /** Decided exceptions seen again without a material change: left resolved. */
  suppressed: number;
  recommendations: number;
  superseded: number;
  autoApproved: number;
  pending: number;
  chartSeries: number;
  /** Engine exceptions with a non-finite score or money at risk (an engine defect), left out. */
  discarded: number;
  /** Earlier pending recommendations kept in place of an unchanged proposal (see carry-over.ts). */
  carriedOver?: number;
  /** Proposals left out: rejected, or approved within the commitment window, with nothing changed materially. */
  notProposedAgain?: number;
  /** Shards the run was planned in (absent: one piece). */
  shards?: number;
}

/** PlanRun.stageTimings: milliseconds per stage, plus the engine's own split and the total. */
export type TPlanRunTimings = Partial<Record<TPlanRunStage | "policy" | "allocation" | "exceptions" | "total", number>>;

export interface TPlanRunView {
  id: string;
  status: TPlanRunStatus;
  trigger: TPlanRunTrigger;
  requestedBy: { id: string; name: string } | null;
  /** Business day planned for (ISO date): the day after the last sales date. */
  asOf: string;
  queuedAt: string;
  startedAt: string | null;
  finishedAt: string | null;
  stage: TPlanRunStage | null;
  /** 0..1 */
  progress: number;
  stageTimings: TPlanRunTimings | null;
  counts: TPlanRunCounts | null;
  inputHash: string | null;
  engineVersion: string | null;
  policyVersion: number | null;
  error: string | null;
  scope: TPlanRunScope | null;
}

/** Body of POST /api/v1/plan-runs (optional). */
export const ZStartPlanRunRequest = z.object({}).strict().optional();

/** GET /api/v1/plan-runs: the latest runs, newest first, and the schedule in force. */
export interface TPlanRunList {
  runs: TPlanRunView[];
  latestSucceeded: TPlanRunView | null;
  /** Daily start time "HH:MM" (server time zone, from STOCKPILOT_PLAN_SCHEDULE), or null when off. */
  schedule: { dailyAt: string | null };
}

export const ZPlanRunIdParams = z.object({ id: z.string().min(1).max(64) });

/**
 * PlanRunSeries.data: what the exception detail's chart needs for one series of one run, in engine
 * day numbers with rounded values (kept small: only series with exceptions are stored). Also the
 * next run's "prior forecast" for demand-deviation checks.
 */
export const ZSeriesChartData = z.object({
  historyFirstDay: z.number().int(),
  sales: z.array(z.number()),
  forecastFirstDay: z.number().int(),
  mean: z.array(z.number()),
  p10: z.array(z.number()),
  p90: z.array(z.number()),
  median: z.array(z.number()),
  pessimistic: z.array(z.number()),
  safetyStock: z.number(),
  reorderPoint: z.number(),
  orderUpToLevel: z.number(),
  onHand: z.number(),
  poArrivals: z.array(z.object({ day: z.number().int(), quantity: z.number(), poNumber: z.string() })),
  promotions: z.array(z.object({ code: z.string(), startDay: z.number().int(), endDay: z.number().int(), expectedUplift: z.number() })),
  overrides: z.array(z.object({ firstDay: z.number().int(), lastDay: z.number().int(), dailyUnits: z.number() })),
  /** Customer returns: units received per history day (aligned with `sales`), units back in stock per horizon day, and the rate the plan forecast them with. */
  returns: z
    .object({ rate: z.number(), lagDays: z.number().int(), received: z.array(z.number()), backToStock: z.array(z.number()) })
    .optional(),
  method: z.string(),
  /**
   * A DC plans against the demand pulled through it: its own sales plus what the locations it
   * supplies draw. Then `sales`, `mean`, `p10` and `p90` are that sum, and this says over how many
   * supplied locations; absent where they are the series' own.
   */
  pulledThrough: z.object({ suppliedLocations: z.number().int().positive() }).optional(),
  /** With `pulledThrough`: the DC's own forecast (after overrides), the one a forecast override replaces. */
  ownMean: z.array(z.number()).optional(),
  /** A new product's forecast source in words: "based on SKU B48 (Urban jeans) ×0.8". */
  basedOn: z.string().optional(),
  demandClass: z.string(),
  accuracy: z.object({ wape: z.number(), mase: z.number(), bias: z.number(), coverage80: z.number(), trackingSignal: z.number() }).nullable(),
  /** Median projection if the recommended action is carried out; absent when it moves no stock here. */
  withAction: z.object({ actionType: z.string(), quantity: z.number(), median: z.array(z.number()) }).optional(),
});
export type SeriesChartData = z.infer<typeof ZSeriesChartData>;

/** Null for a row that does not parse (written by an older version): the chart is left out, the detail still works. */
export function parseSeriesChartData(json: string): SeriesChartData | null {
  try {
    const parsed = ZSeriesChartData.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
