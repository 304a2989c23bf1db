import "server-only";
import type { ParsedQuestion } from "@/lib/copilot/copilot.types";
import { getKpiDashboard } from "../kpis/get-kpi-dashboard";
import { describeEntities, type AskContext } from "./ask-context";
import { seriesDashboardHref } from "./answer-forecast";

/** The period the copilot's KPI answers cover: the dashboard's default, so the linked page shows the same figure. */
export const ANSWER_PERIOD_DAYS = 28;

/**
 * The dashboard for the segment a question names (region, location, category, or one SKU at one
 * location), its tiles by id, the segment in words and the link to that dashboard view.
 */
export async function segmentDashboard(ctx: AskContext, parsed: ParsedQuestion) {
  const e = parsed.entities;
  const product = e.products.length === 1 ? ctx.loaded.productsBySku.get(e.products[0]!) : undefined;
  const location = e.locations[0];
  const dashboard = await getKpiDashboard(
    ctx.db,
    {
      period: ANSWER_PERIOD_DAYS,
      channel: "all",
      region: e.regions[0] ?? (location ? ctx.loaded.locationsByCode.get(location)?.region : undefined),
      location,
      category: product?.category ?? e.categories[0],
      sku: location && product ? product.sku : undefined,
    },
    ctx.actor,
    ctx.now,
  );
  return {
    dashboard,
    tile: (id: string) => dashboard.tiles.find((t) => t.id === id),
    segment: describeEntities(ctx, { ...e, period: null }).join(" · ") || "your scope",
    href: seriesDashboardHref(ctx, parsed),
  };
}
