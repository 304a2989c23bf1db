import "server-only";
import { defaultExceptionOptions } from "../../engine/exceptions/exception-types";
import type { PlanOptions } from "../../engine/plan/plan-types";
import type { PlanInputs } from "./load-plan-inputs";

/** The engine's options for a run on these inputs: the caller's, with the active approval policy's value bar. */
export function planEngineOptions(inputs: Pick<PlanInputs, "minDecisionValue">, engine: Partial<PlanOptions> = {}): Partial<PlanOptions> {
  return { ...engine, exceptions: { ...defaultExceptionOptions, ...engine.exceptions, minDecisionValue: inputs.minDecisionValue } };
}
