import "server-only";
import type { ParsedQuestion } from "@/lib/copilot/copilot.types";
import { formatPercent } from "@/lib/contracts/format";
import { link, sentence, type AskContext, type DraftAnswer } from "./ask-context";
import { ANSWER_PERIOD_DAYS, segmentDashboard } from "./segment-dashboard";

/** "How accurate is the forecast for Boots?": the dashboard's WAPE, MASE and bias tiles for that segment. */
export async function answerForecastAccuracy(ctx: AskContext, parsed: ParsedQuestion): Promise<DraftAnswer> {
  const { dashboard, tile, segment, href } = await segmentDashboard(ctx, parsed);
  const wape = tile("wape");
  if (dashboard.status !== "ready" || !wape || wape.value === null) {
    return { status: "empty", sentence: sentence("There is no forecast accuracy to report yet for that segment. See the ", link("dashboard", href), "."), primaryHref: href };
  }
  const mase = tile("mase");
  const bias = tile("bias");
  const basis = wape.basis ? ` (${wape.basis})` : ` over the last ${ANSWER_PERIOD_DAYS} days`;
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
