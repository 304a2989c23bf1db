import type { DayNumber } from "../types";

export interface LeadTimeObservation {
  orderDay: DayNumber;
  receivedDay: DayNumber;
}

export interface SupplierLeadTimeSummary {
  status: "observed" | "promised-only";
  /** Mean and standard deviation of observed lead times (promised lead time and 0 without history). */
  meanDays: number;
  sdDays: number;
  /** Observed mean minus promised lead time; added to promised PO dates. Never negative. */
  meanLatenessDays: number;
  promisedDays: number;
  /** Mean lead time of orders placed in the recent window and before it (NaN when none). */
  recentMeanDays: number;
  earlierMeanDays: number;
  recentCount: number;
  earlierCount: number;
  observationCount: number;
}

export interface SupplierLeadTimeOptions {
  /** Orders placed within this many days before asOf form the "recent" sample. */
  recentWindowDays: number;
}

export const defaultSupplierLeadTimeOptions: SupplierLeadTimeOptions = { recentWindowDays: 56 };

/** Lead-time statistics of one supplier from its received orders up to asOf. */
export function summarizeSupplierLeadTimes(
  promisedDays: number,
  history: readonly LeadTimeObservation[],
  asOf: DayNumber,
  options: Partial<SupplierLeadTimeOptions> = {},
): SupplierLeadTimeSummary {
  const { recentWindowDays } = { ...defaultSupplierLeadTimeOptions, ...options };
  const received = history.filter((observation) => observation.receivedDay <= asOf);
  const leadTimes = received.map((observation) => observation.receivedDay - observation.orderDay);
  const recent = received
    .filter((observation) => observation.orderDay > asOf - recentWindowDays)
    .map((observation) => observation.receivedDay - observation.orderDay);
  const earlier = received
    .filter((observation) => observation.orderDay <= asOf - recentWindowDays)
    .map((observation) => observation.receivedDay - observation.orderDay);
  if (leadTimes.length === 0) {
    return {
      status: "promised-only",
      meanDays: promisedDays,
      sdDays: 0,
      meanLatenessDays: 0,
      promisedDays,
      recentMeanDays: Number.NaN,
      earlierMeanDays: Number.NaN,
      recentCount: 0,
      earlierCount: 0,
      observationCount: 0,
    };
  }
  const meanDays = average(leadTimes);
  const variance =
    leadTimes.length > 1
      ? leadTimes.reduce((sum, value) => sum + (value - meanDays) ** 2, 0) / (leadTimes.length - 1)
      : 0;
  return {
    status: "observed",
    meanDays,
    sdDays: Math.sqrt(variance),
    meanLatenessDays: Math.max(0, meanDays - promisedDays),
    promisedDays,
    recentMeanDays: recent.length > 0 ? average(recent) : Number.NaN,
    earlierMeanDays: earlier.length > 0 ? average(earlier) : Number.NaN,
    recentCount: recent.length,
    earlierCount: earlier.length,
    observationCount: leadTimes.length,
  };
}

function average(values: readonly number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}
