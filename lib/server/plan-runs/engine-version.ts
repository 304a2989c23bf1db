import "server-only";
/**
 * Version of the planning engine recorded on every plan run (the trace of each exception). Bump it
 * when a change to lib/engine changes what a run computes from the same inputs.
 */
export const ENGINE_VERSION = "stockpilot-engine/1.0.0";
