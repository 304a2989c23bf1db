import type { InventoryProjection } from "../projection/project-inventory";
import type { ProjectionSummary } from "./plan-types";

export function summarizeProjection(projection: InventoryProjection): ProjectionSummary {
  const { median, pessimistic, firstDayBelowZero, firstDayBelowZeroPessimistic, firstDayBelowSafetyStock, expectedLostUnits, stockoutProbability, stockoutProbabilityInProtection } = projection;
  return { median, pessimistic, firstDayBelowZero, firstDayBelowZeroPessimistic, firstDayBelowSafetyStock, expectedLostUnits, stockoutProbability, stockoutProbabilityInProtection };
}
