import "server-only";
import type { ParsedQuestion } from "@/lib/copilot/copilot.types";
import { formatMoney, formatRate } from "@/lib/contracts/format";
import { formatSample, SMALL_SAMPLE } from "@/lib/contracts/kpis";
import { link, sentence, type AskContext, type DraftAnswer } from "./ask-context";
import { ANSWER_PERIOD_DAYS, segmentDashboard } from "./segment-dashboard";

/**
 * "What is the in-stock rate for Boots?": the dashboard's in-stock, fill rate and lost sales tiles for
 * that segment, so the answer is the figure the dashboard shows, with the same definition and sample.
 */
export async function answerServiceLevel(ctx: AskContext, parsed: ParsedQuestion): Promise<DraftAnswer> {
  const { dashboard, tile, segment, href } = await segmentDashboard(ctx, parsed);
  const inStock = tile("inStock");
  const fill = tile("fillRate");
  const lost = tile("lostSales");
  if (dashboard.status !== "ready" || !inStock || inStock.value === null) {
    return { status: "empty", sentence: sentence(`There is no in-stock figure to report yet for that segment (it needs sales in the last ${ANSWER_PERIOD_DAYS} days and a network plan run). See the `, link("dashboard", href), "."), primaryHref: href };
  }
  const sample = inStock.sample && inStock.sample.count < SMALL_SAMPLE ? ` (${formatSample(inStock.sample)}, too few to read much into)` : "";
  return {
    status: "answered",
    sentence: sentence(
      `In-stock for ${segment} over the last ${ANSWER_PERIOD_DAYS} days: `,
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
