import "server-only";
/** Triage writes queue behind SQLite's single writer (a plan run may be persisting); let them wait. */
export const exceptionWriteOptions = { maxWait: 30_000, timeout: 30_000 } as const;
