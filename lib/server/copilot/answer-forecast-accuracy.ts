import "server-only";
import type { ParsedQuestion } from "@/lib/copilot/copilot.types";
import { formatPercent } from "@/lib/contracts/format";
import { getKpiDashboard } from "../kpis/get-kpi-dashboard";
import { describeEntities, link, sentence, type AskContext, type DraftAnswer } from "./ask-context";
import { seriesDashboardHref } from "./answer-forecast";

const PERIOD_DAYS = 28;

/** "How accurate is the forecast for Boots?": the dashboard's WAPE, MASE and bias tiles for that segment. */
export async function answerForecastAccuracy(ctx: AskContext, parsed: ParsedQuestion): Promise<DraftAnswer> {
  const e = parsed.entities;
  const product = e.products.length === 1 ? ctx.loaded.productsBySku.get(e.products[0]!) : undefined;
  const location = e.locations[0];
  const category = product?.category ?? e.categories[0];
  const dashboard = await getKpiDashboard(
    ctx.db,
    {
      period: PERIOD_DAYS,
      channel: "all",
      region: e.regions[0] ?? (location ? ctx.loaded.locationsByCode.get(location)?.region : undefined),
      location,
      category,
      sku: location && product ? product.sku : undefined,
    },
    ctx.actor,
    ctx.now,
  );
  const href = seriesDashboardHref(ctx, parsed);
  const tile = (id: string) => dashboard.tiles.find((t) => t.id === id);
  const wape = tile("wape");
  if (dashboard.status !== "ready" || !wape || wape.value === null) {
    return { status: "empty", sentence: sentence("There is no forecast accuracy to report yet for that segment. See the ", link("dashboard", href), "."), primaryHref: href };
  }
  const mase = tile("mase");
  const bias = tile("bias");
  const segment = describeEntities(ctx, { ...e, period: null }).join(" · ") || "your scope";
  const basis = wape.basis ? ` (${wape.basis})` : ` over the last ${PERIOD_DAYS} days`;
  return {
    status: "answered",
    sentence: sentence(
      `Forecast error (WAPE) for ${segment}${basis}: `,
      link(formatPercent(wape.value), href),
      wape.previous !== null ? ` (was ${formatPercent(wape.previous)})` : "",
      mase?.value != null ? "; MASE " : "",
      mase?.value != null ? link(mase.value.toFixed(2), href) : null,
      bias?.value != null ? "; bias " : "",
      bias?.value != null ? link(`${bias.value >= 0 ? "+" : ""}${formatPercent(bias.value)}`, href) : null,
      ".",
    ),
    items: [],
    primaryHref: href,
  };
}
