import type { PlanRun } from "@prisma/client";

/** The fields of a plan run its audit records show before → after. */
export function planRunSnapshot(run: Pick<PlanRun, "status" | "trigger" | "asOf" | "inputHash" | "engineVersion" | "policyVersion" | "counts" | "error" | "scope">) {
  return {
    status: run.status,
    trigger: run.trigger,
    asOf: run.asOf.toISOString().slice(0, 10),
    inputHash: run.inputHash,
    engineVersion: run.engineVersion,
    policyVersion: run.policyVersion,
    counts: run.counts ? (JSON.parse(run.counts) as unknown) : null,
    error: run.error,
    scope: run.scope ? (JSON.parse(run.scope) as unknown) : null,
  };
}
