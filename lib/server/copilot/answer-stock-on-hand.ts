import "server-only";
import type { ParsedQuestion } from "@/lib/copilot/copilot.types";
import { formatUnits } from "@/lib/contracts/format";
import { describeEntities, link, money, plural, sentence, type AskContext, type DraftAnswer } from "./ask-context";
import { seriesDashboardHref } from "./answer-forecast";
import { resolveSeries } from "./resolve-series";

/** Past this many series the latest plan's per-category stock facts answer instead of raw positions. */
const MAX_SERIES = 400;

/** "How much stock of SKU0038 at S007?": the latest on-hand snapshot of each series in scope, summed. */
export async function answerStockOnHand(ctx: AskContext, parsed: ParsedQuestion): Promise<DraftAnswer> {
  const { locations, products } = resolveSeries(ctx, parsed.entities);
  const href = seriesDashboardHref(ctx, parsed);
  const what = describeEntities(ctx, { ...parsed.entities, period: null }).join(" · ");
  if (products.length === 0) return { status: "empty", sentence: sentence("Name a product or category, e.g. “how much stock of SKU0038 at S007?”."), primaryHref: null };
  if (locations.length * products.length > MAX_SERIES) {
    if (!ctx.latestRun) return { status: "empty", sentence: sentence("No plan has run yet."), primaryHref: "/data" };
    const facts = await ctx.db.kpiInventory.aggregate({
      where: { planRunId: ctx.latestRun.id, locationId: { in: locations.map((l) => l.id) }, category: { in: [...new Set(products.map((p) => p.category))] } },
      _sum: { onHandUnits: true, onHandCost: true },
    });
    return {
      status: "answered",
      sentence: sentence(`On hand for ${what} at the plan of ${ctx.latestRun.asOf}: `, link(`${formatUnits(Math.round(facts._sum.onHandUnits ?? 0))} units`, href), " worth ", link(`${money(facts._sum.onHandCost ?? 0)} at cost`, href), "."),
      primaryHref: href,
    };
  }
  const latest = await ctx.db.inventoryPosition.groupBy({
    by: ["locationId", "productId"],
    where: { locationId: { in: locations.map((l) => l.id) }, productId: { in: products.map((p) => p.id) } },
    _max: { asOf: true },
  });
  if (latest.length === 0) return { status: "empty", sentence: sentence(`No stock position is recorded for ${what} in your scope.`), primaryHref: href };
  const rows = await ctx.db.inventoryPosition.findMany({
    where: { OR: latest.map((l) => ({ locationId: l.locationId, productId: l.productId, asOf: l._max.asOf! })) },
  });
  const total = rows.reduce((s, r) => s + r.onHand, 0);
  const asOf = rows.reduce((d, r) => (r.asOf > d ? r.asOf : d), rows[0]!.asOf).toISOString().slice(0, 10);
  const shown = [...rows].sort((a, b) => b.onHand - a.onHand).slice(0, 8);
  return {
    status: "answered",
    sentence: sentence(`On hand for ${what}: `, link(`${formatUnits(total)} units`, href), ` across ${plural(rows.length, "series", "series")} (latest count ${asOf}).`),
    items: shown.map((r) => ({
      label: `${ctx.loaded.productsById.get(r.productId)?.sku ?? r.productId} at ${ctx.loaded.locationsById.get(r.locationId)?.name ?? r.locationId}`,
      detail: `${formatUnits(r.onHand)} units on ${r.asOf.toISOString().slice(0, 10)}`,
      href,
    })),
    primaryHref: href,
  };
}
