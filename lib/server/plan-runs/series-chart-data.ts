import { z } from "zod";

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
  /** Median projection if the recommended action is carried out; absent when it moves no stock here. */
  withAction: z.object({ actionType: z.string(), quantity: z.number(), median: z.array(z.number()) }).optional(),
  safetyStock: z.number(),
  reorderPoint: z.number(),
  orderUpToLevel: z.number(),
  onHand: z.number(),
  poArrivals: z.array(z.object({ day: z.number().int(), quantity: z.number(), poNumber: z.string() })),
  promotions: z.array(z.object({ code: z.string(), startDay: z.number().int(), endDay: z.number().int(), expectedUplift: z.number() })),
  overrides: z.array(z.object({ firstDay: z.number().int(), lastDay: z.number().int(), dailyUnits: z.number() })),
  method: z.string(),
  demandClass: z.string(),
  accuracy: z.object({ wape: z.number(), mase: z.number(), bias: z.number(), coverage80: z.number(), trackingSignal: z.number() }).nullable(),
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
