import { formatDate, formatUnits } from "@/lib/contracts/format";
import { FORECAST_OVERRIDE_REASON_LABEL, type TForecastOverrideView } from "@/lib/contracts/exceptions";
import { labelOf } from "@/components/ui/labels";

const perDay = (units: number) => `${formatUnits(Math.round(units * 10) / 10)} units/day`;

/**
 * Where an override in force came from, in one sentence: "Forecast changed by approved
 * recommendation on 1 Dec 2026, approved by Ana Planner" (or "approved automatically under
 * approval policy v3"), or "Forecast overridden by Ana Planner on 1 Dec 2026 (Promotion)".
 */
export function forecastOverrideSource(view: TForecastOverrideView): string {
  const { source } = view;
  if (source.kind === "approved_recommendation") {
    const approval = source.approvedBy
      ? `approved by ${source.approvedBy.name}`
      : `approved automatically under approval policy${source.policyVersion === null ? "" : ` v${source.policyVersion}`}`;
    return `Forecast changed by approved recommendation on ${formatDate(source.approvedAt)}, ${approval}`;
  }
  const reason = labelOf(FORECAST_OVERRIDE_REASON_LABEL, source.reasonCode);
  return `Forecast overridden by ${source.by?.name ?? "a former user"} on ${formatDate(view.createdAt)} (${reason})`;
}

/** What the override sets: "12.4 units/day from 2 Dec 2026 to 15 Dec 2026, was 8.1 units/day". */
export function forecastOverrideEffect(view: TForecastOverrideView): string {
  return `${perDay(view.dailyUnits)} from ${formatDate(view.startDate)} to ${formatDate(view.endDate)}, was ${perDay(view.replacedUnits)}`;
}
