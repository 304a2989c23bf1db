import type { PlanException } from "./exception-types";

/** Orders the queue by score, then by id so equal scores never depend on input order. */
export function rankExceptions(exceptions: readonly PlanException[]): PlanException[] {
  return [...exceptions].sort((a, b) => b.score.score - a.score.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
