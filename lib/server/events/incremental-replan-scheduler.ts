import "server-only";
import { db } from "../db";
import { env } from "../env";
import { replanAffectedSeries } from "./replan-affected-series";

interface SchedulerState {
  timer: ReturnType<typeof setTimeout> | null;
  running: boolean;
  lastStartedAt: number;
}
const globalForReplan = globalThis as unknown as { stockpilotIncrementalReplan?: SchedulerState };
const state: SchedulerState = (globalForReplan.stockpilotIncrementalReplan ??= { timer: null, running: false, lastStartedAt: 0 });

/** At most one replan pass per interval: a stream of events coalesces into one pass, not one per request. */
const debounceMs = () => env().STOCKPILOT_REPLAN_DEBOUNCE_MS;

async function pass(): Promise<void> {
  state.timer = null;
  state.running = true;
  state.lastStartedAt = Date.now();
  try {
    await replanAffectedSeries(db);
  } catch (error) {
    console.error("incremental replan failed", error);
  } finally {
    state.running = false;
  }
}

/**
 * Asks for a replan of the series marked dirty, after commit and off the request path: queues
 * scoped plan runs for the workers. Marks live in the database (DirtySeries) until a run that saw
 * them publishes, so nothing is lost if this process stops; the next request or the nightly run
 * picks them up.
 */
export function requestIncrementalReplan(): void {
  if (state.timer) return;
  if (state.running) {
    // The pass in progress asks again when it finishes if it found work.
    state.timer = setTimeout(() => {
      state.timer = null;
      requestIncrementalReplan();
    }, debounceMs());
    return;
  }
  const wait = Math.max(0, state.lastStartedAt + debounceMs() - Date.now());
  state.timer = setTimeout(() => void pass(), wait);
}
