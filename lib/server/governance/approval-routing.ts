import "server-only";
import type { TierRouting } from "./route-to-tier";

/** The key under which routing reasons are kept in Recommendation.details, shown on the item. */
export const ROUTING_DETAILS_KEY = "approvalRouting";

/** Recommendation.details with the latest routing (tier, reasons, policy version) merged in. */
export function withRoutingDetails(detailsJson: string, routing: TierRouting, policyVersion: number): string {
  const parsed: unknown = JSON.parse(detailsJson);
  const details = typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? parsed : {};
  return JSON.stringify({ ...details, [ROUTING_DETAILS_KEY]: { ...routing, policyVersion } });
}
