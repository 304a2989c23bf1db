import "server-only";
const globalForNotice = globalThis as unknown as { stockpilotPlanWorkerWake?: () => void };

/** A process that runs plans (the local runner, `npm run worker`) registers how to wake it. */
export function onPlanRunRequested(wake: () => void): void {
  globalForNotice.stockpilotPlanWorkerWake = wake;
}

/** Wakes this process's plan worker, if it has one; workers elsewhere find the queued row when they poll. */
export function notifyPlanWorkers(): void {
  globalForNotice.stockpilotPlanWorkerWake?.();
}
