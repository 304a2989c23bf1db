import type { TForecastOverrideView } from "@/lib/contracts/exceptions";
import { forecastOverrideEffect, forecastOverrideSource } from "./forecast-override-sources";

/**
 * The forecast overrides the plan applies to the charted series, newest first, each with where it
 * came from. Where two cover the same day, the newest sets it (the plan's rule), so the list reads
 * top down.
 */
export function ForecastOverrides({ overrides }: { overrides: readonly TForecastOverrideView[] }) {
  if (overrides.length === 0) return null;
  return (
    <div className="border-t border-slate-200 px-4 py-3">
      <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Forecast overrides in force</h3>
      <ul className="mt-1 space-y-1 text-sm text-slate-800">
        {overrides.map((o) => (
          <li key={o.id}>
            {forecastOverrideSource(o)}: <span className="tabular-nums">{forecastOverrideEffect(o)}</span>.
          </li>
        ))}
      </ul>
    </div>
  );
}
