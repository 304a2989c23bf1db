import { STOPPED_SUFFIX } from "../engine/types";

/** What each forecasting method the engine fits (lib/engine/forecast/forecast-series.ts) is, in a planner's words. */
const METHOD_LABEL: Record<string, string> = {
  ses: "exp. smoothing",
  damped: "damped trend",
  ma28: "28-day avg",
  ma365: "1-year avg",
  // Intermittent-demand methods go by their names in the literature, as a forecaster knows them.
  adida: "ADIDA",
  tsb: "TSB",
  sba: "SBA",
  "sba-recent": "SBA (recent)",
  global: "network model",
  snaive: "last season",
  zero: "no demand",
  mean: "average",
};

/**
 * A forecast method as a planner reads it, short enough for a table cell on a phone:
 * "mean(adida + ma365 + ses)" → "Blend: 1-year avg, ADIDA, exp. smoothing"; a name the engine adds
 * later shows as it is.
 */
export function forecastMethodLabel(method: string): string {
  const downstream = / \+ downstream of (\d+)$/.exec(method);
  if (downstream) return `${forecastMethodLabel(method.slice(0, downstream.index))} plus demand of ${downstream[1]} supplied locations`;
  if (method.endsWith(STOPPED_SUFFIX)) return `${forecastMethodLabel(method.slice(0, -STOPPED_SUFFIX.length))}, cut to the rate since sales stopped`;
  const combination = /^mean\((.*)\)$/.exec(method);
  if (combination) {
    return `Blend: ${combination[1]!.split("+").map((m) => METHOD_LABEL[m.trim()] ?? m.trim()).sort().join(", ")}`;
  }
  const label = METHOD_LABEL[method];
  return label ? label.charAt(0).toUpperCase() + label.slice(1) : method;
}
