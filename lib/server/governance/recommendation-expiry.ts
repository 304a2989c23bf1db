import "server-only";
import type { TActionType } from "../../contracts/governance";

const HOUR_MS = 3_600_000;

/**
 * How long a routed recommendation stays decidable, by action type: an answer to today's stock
 * position goes stale as the position moves. Transfers and expedites react to a shortfall within
 * days; orders and PO changes follow the supplier's weekly rhythm; markdowns, counts and forecast
 * reviews stay valid over a season week or two. Past it the item expires (swept at each plan run
 * and at decision time) and the next plan proposes afresh from current data.
 */
export const EXPIRY_HOURS_BY_ACTION_TYPE: Record<TActionType, number> = {
  transfer: 48,
  expedite_po: 48,
  raise_order: 72,
  cut_po: 72,
  confirm_po: 72,
  markdown: 7 * 24,
  adjust_forecast: 7 * 24,
  cycle_count: 7 * 24,
  review_model: 14 * 24,
};

export function expiresAtFor(actionType: TActionType, routedAt: Date): Date {
  return new Date(routedAt.getTime() + EXPIRY_HOURS_BY_ACTION_TYPE[actionType] * HOUR_MS);
}
