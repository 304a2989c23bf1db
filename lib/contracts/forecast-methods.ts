/** What each forecasting method the engine fits (lib/engine/forecast/forecast-series.ts) is, in a planner's words. */
const METHOD_LABEL: Record<string, string> = {
  ses: "exponential smoothing",
  damped: "damped trend",
  ma28: "28-day average",
  ma365: "1-year average",
  adida: "weekly-aggregated average (ADIDA)",
  global: "network-wide model",
  snaive: "same day last season",
  tsb: "intermittent demand (TSB)",
  sba: "intermittent demand (SBA)",
  "sba-recent": "intermittent demand, recent (SBA)",
  zero: "no demand",
  mean: "average",
};

/**
 * A forecast method as a planner reads it: "mean(adida + ma365 + ses)" → "Average of 1-year average,
 * exponential smoothing and weekly-aggregated average (ADIDA)"; a name the engine adds later shows as it is.
 */
export function forecastMethodLabel(method: string): string {
  const downstream = / \+ downstream of (\d+)$/.exec(method);
  if (downstream) return `${forecastMethodLabel(method.slice(0, downstream.index))} plus demand of ${downstream[1]} supplied locations`;
  const combination = /^mean\((.*)\)$/.exec(method);
  if (combination) {
    const members = combination[1]!.split("+").map((m) => METHOD_LABEL[m.trim()] ?? m.trim()).sort();
    return `Average of ${members.length > 1 ? `${members.slice(0, -1).join(", ")} and ${members.at(-1)}` : members[0]}`;
  }
  const label = METHOD_LABEL[method];
  return label ? label.charAt(0).toUpperCase() + label.slice(1) : method;
}
