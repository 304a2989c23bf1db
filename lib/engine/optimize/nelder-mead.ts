export interface NelderMeadOptions {
  lower: Float64Array;
  upper: Float64Array;
  /** Stop after this many objective evaluations. */
  maxEvaluations?: number;
  /** Stop when the spread of objective values across the simplex falls below this (relative). */
  tolerance?: number;
  /** Initial simplex edge as a share of each box width; smaller when warm-starting near an optimum. */
  initialStep?: number;
}

export interface NelderMeadResult {
  point: Float64Array;
  value: number;
  evaluations: number;
  status: "converged" | "max-evaluations";
}

const defaultOptions = { maxEvaluations: 200, tolerance: 1e-7, initialStep: 0.25 };

/**
 * Nelder–Mead simplex minimisation inside a box. Trial points are projected onto the box, which keeps
 * smoothing parameters admissible without a penalty cliff; the objective may return Infinity for
 * inadmissible interior points (e.g. a forecast going non-positive in a multiplicative model).
 * Deterministic: the simplex is built from `start` along the coordinate axes.
 */
export function minimizeNelderMead(
  objective: (point: Float64Array) => number,
  start: Float64Array,
  options: NelderMeadOptions,
): NelderMeadResult {
  const { lower, upper } = options;
  const maxEvaluations = options.maxEvaluations ?? defaultOptions.maxEvaluations;
  const tolerance = options.tolerance ?? defaultOptions.tolerance;
  const initialStep = options.initialStep ?? defaultOptions.initialStep;
  const n = start.length;
  const vertices: Float64Array[] = [];
  const values = new Float64Array(n + 1);
  let evaluations = 0;
  const project = (point: Float64Array) => {
    for (let j = 0; j < n; j++) point[j] = Math.min(upper[j]!, Math.max(lower[j]!, point[j]!));
  };
  const evaluate = (point: Float64Array) => {
    evaluations++;
    const value = objective(point);
    return Number.isNaN(value) ? Infinity : value;
  };

  for (let i = 0; i <= n; i++) {
    const vertex = Float64Array.from(start);
    if (i > 0) {
      const j = i - 1;
      const step = initialStep * (upper[j]! - lower[j]!);
      // Step away from the nearer bound so the simplex never collapses onto a face.
      vertex[j] = vertex[j]! + (upper[j]! - vertex[j]! >= vertex[j]! - lower[j]! ? step : -step);
    }
    project(vertex);
    vertices.push(vertex);
    values[i] = evaluate(vertex);
  }

  const order = new Int32Array(n + 1);
  const centroid = new Float64Array(n);
  const reflected = new Float64Array(n);
  const expanded = new Float64Array(n);
  const contracted = new Float64Array(n);
  const along = (target: Float64Array, from: Float64Array, coefficient: number) => {
    for (let j = 0; j < n; j++) target[j] = centroid[j]! + coefficient * (from[j]! - centroid[j]!);
    project(target);
  };

  let status: NelderMeadResult["status"] = "max-evaluations";
  while (evaluations < maxEvaluations) {
    for (let i = 0; i <= n; i++) order[i] = i;
    order.sort((a, b) => values[a]! - values[b]!);
    const best = order[0]!;
    const worst = order[n]!;
    const secondWorst = order[n - 1]!;
    const bestValue = values[best]!;
    const worstValue = values[worst]!;
    if (Math.abs(worstValue - bestValue) <= tolerance * (Math.abs(bestValue) + 1e-12)) {
      status = "converged";
      break;
    }
    centroid.fill(0);
    for (let i = 0; i <= n; i++) {
      if (i === worst) continue;
      const vertex = vertices[i]!;
      for (let j = 0; j < n; j++) centroid[j] = centroid[j]! + vertex[j]! / n;
    }
    const worstVertex = vertices[worst]!;
    along(reflected, worstVertex, -1);
    const reflectedValue = evaluate(reflected);
    if (reflectedValue < bestValue) {
      along(expanded, worstVertex, -2);
      const expandedValue = evaluate(expanded);
      if (expandedValue < reflectedValue) {
        worstVertex.set(expanded);
        values[worst] = expandedValue;
      } else {
        worstVertex.set(reflected);
        values[worst] = reflectedValue;
      }
      continue;
    }
    if (reflectedValue < values[secondWorst]!) {
      worstVertex.set(reflected);
      values[worst] = reflectedValue;
      continue;
    }
    const outside = reflectedValue < worstValue;
    along(contracted, outside ? reflected : worstVertex, 0.5);
    const contractedValue = evaluate(contracted);
    if (contractedValue < Math.min(reflectedValue, worstValue)) {
      worstVertex.set(contracted);
      values[worst] = contractedValue;
      continue;
    }
    // Shrink every vertex halfway towards the best one.
    const bestVertex = vertices[best]!;
    for (let i = 0; i <= n; i++) {
      if (i === best) continue;
      const vertex = vertices[i]!;
      for (let j = 0; j < n; j++) vertex[j] = bestVertex[j]! + 0.5 * (vertex[j]! - bestVertex[j]!);
      values[i] = evaluate(vertex);
    }
  }
  let bestIndex = 0;
  for (let i = 1; i <= n; i++) if (values[i]! < values[bestIndex]!) bestIndex = i;
  return { point: vertices[bestIndex]!, value: values[bestIndex]!, evaluations, status };
}
