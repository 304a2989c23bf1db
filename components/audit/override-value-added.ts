import { z } from "zod";
import type { TAuditEventView } from "@/lib/contracts/audit";

/** Entity type of `forecast.value_added_measured` events (mirrors FORECAST_OVERRIDE_ENTITY on the server). */
const FORECAST_OVERRIDE_ENTITY = "ForecastOverride";

/** The `after` of a `forecast.value_added_measured` event, as written by computeForecastValueAdded. */
export const ZOverrideValueAdded = z.object({
  statisticalAbsError: z.number(),
  overrideAbsError: z.number(),
  fva: z.number(),
  actualUnits: z.number(),
  daysMeasured: z.number().int(),
});
export type TOverrideValueAdded = z.infer<typeof ZOverrideValueAdded>;

/** Records that create a forecast override: a planner's, or an approved recommendation's forecast change. */
const OVERRIDE_CREATED = new Set(["forecast.overridden", "forecast.changed_by_approval"]);

/**
 * The forecast override a record that created one is about, or null for any other record.
 * The record names the override as its entity, or (when it audits the exception the override was
 * made from) carries it as `after.forecastOverrideId`.
 */
export function forecastOverrideIdOf(event: Pick<TAuditEventView, "action" | "entityType" | "entityId" | "after">): string | null {
  if (!OVERRIDE_CREATED.has(event.action)) return null;
  if (event.entityType === FORECAST_OVERRIDE_ENTITY && event.entityId) return event.entityId;
  const parsed = z.object({ forecastOverrideId: z.string().min(1) }).safeParse(event.after);
  return parsed.success ? parsed.data.forecastOverrideId : null;
}

/** Query string for the audit list API: the newest value-added measurement of one override. */
export function valueAddedQuery(overrideId: string): string {
  return new URLSearchParams({
    action: "forecast.value_added_measured",
    entityType: FORECAST_OVERRIDE_ENTITY,
    entityId: overrideId,
    limit: "1",
  }).toString();
}

/** The measurement a `forecast.value_added_measured` record carries; null if it is not one. */
export function readValueAdded(event: Pick<TAuditEventView, "action" | "after"> | undefined): TOverrideValueAdded | null {
  if (event?.action !== "forecast.value_added_measured") return null;
  const parsed = ZOverrideValueAdded.safeParse(event.after);
  return parsed.success ? parsed.data : null;
}
