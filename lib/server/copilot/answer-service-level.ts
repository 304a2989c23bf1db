import "server-only";
import type { ParsedQuestion } from "@/lib/copilot/copilot.types";
import { formatMoney, formatRate } from "@/lib/contracts/format";
import { formatSample, SMALL_SAMPLE } from "@/lib/contracts/kpis";
import { getKpiDashboard } from "../kpis/get-kpi-dashboard";
import { describeEntities, link, sentence, type AskContext, type DraftAnswer } from "./ask-context";
import { seriesDashboardHref } from "./answer-forecast";

const PERIOD_DAYS = 28;

/**
 * "What is the in-stock rate for Boots?": the dashboard's in-stock, fill rate and lost sales tiles for
 * that segment, so the answer is the figure the dashboard shows, with the same definition and sample.
 */
export async function answerServiceLevel(ctx: AskContext, parsed: ParsedQuestion): Promise<DraftAnswer> {
  const e = parsed.entities;
  const product = e.products.length === 1 ? ctx.loaded.productsBySku.get(e.products[0]!) : undefined;
  const location = e.locations[0];
  const dashboard = await getKpiDashboard(
    ctx.db,
    {
      period: PERIOD_DAYS,
      channel: "all",
      region: e.regions[0] ?? (location ? ctx.loaded.locationsByCode.get(location)?.region : undefined),
      location,
      category: product?.category ?? e.categories[0],
      sku: location && product ? product.sku : undefined,
    },
    ctx.actor,
    ctx.now,
  );
  const href = seriesDashboardHref(ctx, parsed);
  const tile = (id: string) => dashboard.tiles.find((t) => t.id === id);
  const inStock = tile("inStock");
  const fill = tile("fillRate");
  const lost = tile("lostSales");
  if (dashboard.status !== "ready" || !inStock || inStock.value === null) {
    return { status: "empty", sentence: sentence("There is no in-stock figure to report yet for that segment (it needs sales in the last 28 days and a network plan run). See the ", link("dashboard", href), "."), primaryHref: href };
  }
  const segment = describeEntities(ctx, { ...e, period: null }).join(" · ") || "your scope";
  const sample = inStock.sample && inStock.sample.count < SMALL_SAMPLE ? ` (${formatSample(inStock.sample)}, too few to read much into)` : "";
  return {
    status: "answered",
    sentence: sentence(
      `In-stock for ${segment} over the last ${PERIOD_DAYS} days: `,
      link(formatRate(inStock.value), href),
      inStock.previous !== null ? ` (was ${formatRate(inStock.previous)})` : "",
      " of demand fell on days the item was in stock",
      sample,
      fill?.value != null ? "; fill rate " : "",
      fill?.value != null ? link(formatRate(fill.value), href) : null,
      lost?.value != null ? "; estimated lost sales " : "",
      lost?.value != null ? link(formatMoney(lost.value), href) : null,
      ". In-stock and fill rate are weighted by demand (units sold plus estimated lost units).",
    ),
    items: [],
    primaryHref: href,
  };
}
