import { minimizeNelderMead } from "../optimize/nelder-mead";
import { etsBox, etsParameterCount, runEts, type EtsSpec } from "./ets-model";

export interface FittedEts {
  spec: EtsSpec;
  params: Float64Array;
  aicc: number;
}

/** Evaluation budgets: a cold fit explores the box, a warm start only polishes the previous optimum. */
const COLD_EVALUATIONS = 40;
const WARM_EVALUATIONS = 16;

/**
 * Fits the smoothing parameters of one ETS model to y[start, fitEnd) by maximum likelihood with a
 * box-constrained Nelder–Mead, optionally starting from previous parameters, and scores it by AICc.
 */
export function fitEts(spec: EtsSpec, y: Float64Array, start: number, fitEnd: number, warm?: Float64Array): FittedEts {
  const box = etsBox(spec);
  const warmUsable = warm && warm.length === box.start.length;
  const objective = (params: Float64Array) => runEts(spec, params, y, start, fitEnd, fitEnd).minusTwoLogLikelihood;
  const result = minimizeNelderMead(objective, warmUsable ? Float64Array.from(warm) : box.start, {
    lower: box.lower,
    upper: box.upper,
    maxEvaluations: (warmUsable ? WARM_EVALUATIONS : COLD_EVALUATIONS) * box.start.length,
    initialStep: warmUsable ? 0.05 : 0.2,
    tolerance: 1e-6,
  });
  const n = fitEnd - start;
  const k = etsParameterCount(spec);
  const aicc = n - k - 1 > 0 ? result.value + 2 * k + (2 * k * (k + 1)) / (n - k - 1) : Infinity;
  return { spec, params: result.point, aicc };
}
