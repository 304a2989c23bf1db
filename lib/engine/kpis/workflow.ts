import { MS_PER_DAY } from "../calendar";

const HOUR_MS = 3_600_000;

export const EXCEPTION_VOLUME_DEFINITION = "Open exceptions: exceptions in the queue (open or snoozed) at the end of the period.";
export const EXCEPTION_AGEING_DEFINITION = "Exception ageing: the median number of days open exceptions have been in the queue since they were raised.";
export const TIME_TO_RESOLVE_DEFINITION =
  "Time to resolve: the median number of days from an exception being raised to its being resolved or closed, over exceptions closed in the period; exceptions closed by an automatic approval are left out (they count in the share automated).";
export const APPROVAL_CYCLE_TIME_DEFINITION =
  "Approval cycle time: the median number of hours from a recommendation being created to a person approving it, over approvals in the period (automatic approvals are left out).";
export const OVERRIDE_RATE_DEFINITION =
  "Override rate: the share of recommendations decided by a person in the period that were modified or rejected rather than accepted as proposed.";
export const AUTOMATED_SHARE_DEFINITION =
  "Share of actions automated: automatic approvals ÷ every action that needed a decision in the period — approved automatically, approved by a person, or still waiting for a person now.";

/** Median of the values; null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Median age in days at `at` of exceptions raised at the given times (the middle one or two suffice). */
export function medianAgeDays(raisedAt: readonly Date[], at: Date): number | null {
  return median(raisedAt.map((r) => (at.getTime() - r.getTime()) / MS_PER_DAY));
}

/** Median days between paired start and end times. */
export function medianDays(pairs: readonly { from: Date; to: Date }[]): number | null {
  return median(pairs.map((p) => (p.to.getTime() - p.from.getTime()) / MS_PER_DAY));
}

/** Median hours between paired start and end times. */
export function medianHours(pairs: readonly { from: Date; to: Date }[]): number | null {
  return median(pairs.map((p) => (p.to.getTime() - p.from.getTime()) / HOUR_MS));
}

/** From counts of human decisions by kind. Null when there were none. */
export function overrideRate(decisions: { approve: number; modify: number; reject: number }): number | null {
  const human = decisions.approve + decisions.modify + decisions.reject;
  return human > 0 ? (decisions.modify + decisions.reject) / human : null;
}

/**
 * Actions still waiting for a person count against automation: a queue of 100 pending items next to
 * 900 automatic approvals is 90% automated, not 100%. Null when nothing needed a decision.
 */
export function automatedShare(autoApprovals: number, humanApprovals: number, waitingForPerson = 0): number | null {
  const total = autoApprovals + humanApprovals + waitingForPerson;
  return total > 0 ? autoApprovals / total : null;
}
