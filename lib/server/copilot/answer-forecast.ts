import "server-only";
import type { ParsedQuestion } from "@/lib/copilot/copilot.types";
import { formatUnits } from "@/lib/contracts/format";
import { dashboardHref, describeEntities, exceptionHref, link, sentence, type AskContext, type DraftAnswer } from "./ask-context";
import { resolveSeries } from "./resolve-series";
import { MS_PER_DAY } from "../../engine/calendar";

/** A place on the dashboard that shows the series asked about (the deepest drill level the question allows). */
export function seriesDashboardHref(ctx: AskContext, parsed: ParsedQuestion): string {
  const e = parsed.entities;
  const product = e.products.length === 1 ? ctx.loaded.productsBySku.get(e.products[0]!) : undefined;
  const location = e.locations.length === 1 ? e.locations[0] : undefined;
  const category = product?.category ?? (e.categories.length === 1 ? e.categories[0] : undefined);
  return dashboardHref({
    region: e.regions.length === 1 ? e.regions[0] : location ? ctx.loaded.locationsByCode.get(location)?.region : undefined,
    location,
    category: location ? category : undefined,
    sku: location && product ? product.sku : undefined,
  });
}

/**
 * "Forecast for SKU0038 at S007": the latest network plan's weekly forecast (mean and summed p10–p90)
 * for the named products or categories at the named places, summed over the series in scope.
 */
export async function answerForecast(ctx: AskContext, parsed: ParsedQuestion): Promise<DraftAnswer> {
  const { locations, products } = resolveSeries(ctx, parsed.entities);
  if (products.length === 0) {
    return { status: "empty", sentence: sentence("Name a product or category to forecast, e.g. “forecast for SKU0038 at S007”."), primaryHref: null };
  }
  if (!ctx.latestRun) return { status: "empty", sentence: sentence("No plan has run yet, so there is no forecast."), primaryHref: "/data" };
  const weeks = await ctx.db.planRunForecast.groupBy({
    by: ["week", "weekStart"],
    where: { planRunId: ctx.latestRun.id, locationId: { in: locations.map((l) => l.id) }, productId: { in: products.map((p) => p.id) } },
    _sum: { mean: true, p10: true, p90: true },
    _count: { _all: true },
    orderBy: { week: "asc" },
  });
  const period = parsed.entities.period;
  const chosen = period
    ? weeks.filter((w) => {
        const start = w.weekStart.toISOString().slice(0, 10);
        const end = new Date(w.weekStart.getTime() + 6 * MS_PER_DAY).toISOString().slice(0, 10);
        return end >= period.from && start <= period.to;
      })
    : weeks;
  const href = seriesDashboardHref(ctx, parsed);
  const what = describeEntities(ctx, { ...parsed.entities, period: null }).join(" · ");
  if (chosen.length === 0) {
    return { status: "empty", sentence: sentence(`The latest plan has no forecast for ${what}${period ? ` ${period.label}` : ""} (it forecasts 4 weeks ahead). See the `, link("dashboard", href), "."), primaryHref: href };
  }
  const sum = (key: "mean" | "p10" | "p90") => chosen.reduce((s, w) => s + (w._sum[key] ?? 0), 0);
  const series = Math.max(...chosen.map((w) => w._count._all));
  const single = await ctx.db.exception.findFirst({
    where: { status: "open", locationId: { in: locations.map((l) => l.id) }, productId: { in: products.map((p) => p.id) } },
    orderBy: { score: "desc" },
    select: { id: true },
  });
  const evidence = series === 1 && single ? exceptionHref(single.id) : href;
  return {
    status: "answered",
    sentence: sentence(
      `Forecast for ${what}: `,
      link(`${formatUnits(Math.round(sum("mean")))} units`, evidence),
      ` over ${chosen.length === 1 ? "the week" : `${chosen.length} weeks`} from ${chosen[0]!.weekStart.toISOString().slice(0, 10)} (p10–p90 `,
      link(`${formatUnits(Math.round(sum("p10")))}–${formatUnits(Math.round(sum("p90")))}`, evidence),
      `), ${series === 1 ? "one series" : `${series} series`} in your scope, plan of ${ctx.latestRun.asOf}.`,
    ),
    items: chosen.map((w) => ({
      label: `Week of ${w.weekStart.toISOString().slice(0, 10)}`,
      detail: `${formatUnits(Math.round((w._sum.mean ?? 0) * 10) / 10)} units (p10 ${formatUnits(Math.round(w._sum.p10 ?? 0))} – p90 ${formatUnits(Math.round(w._sum.p90 ?? 0))})`,
      href: evidence,
    })),
    primaryHref: evidence,
  };
}
