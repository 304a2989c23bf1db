import "server-only";
import type { AnswerItem, ParsedQuestion } from "@/lib/copilot/copilot.types";
import { getExceptionDetail } from "../exceptions/get-exception-detail";
import { exceptionPlaceName, type TExceptionDetail } from "../../contracts/exceptions";
import { isAppError } from "../app-error";
import { exceptionHref, exceptionWhere, link, money, queueFiltersOf, queueHref, sentence, type AskContext, type DraftAnswer } from "./ask-context";
import { typeLabel } from "./exception-rows";

const DRIVERS_SHOWN = 4;

function namesSomething(parsed: ParsedQuestion): boolean {
  const e = parsed.entities;
  return e.products.length + e.locations.length + e.regions.length + e.categories.length + e.suppliers.length > 0;
}

/** The exception page the question was asked on, when the asker may see it; null otherwise. */
async function pageException(ctx: AskContext): Promise<TExceptionDetail | null> {
  if (!ctx.pageExceptionId) return null;
  try {
    return await getExceptionDetail(ctx.db, ctx.actor, ctx.pageExceptionId);
  } catch (error) {
    if (isAppError(error)) return null;
    throw error;
  }
}

function recommendationText(detail: TExceptionDetail): string | null {
  const top = detail.recommendations.find((r) => r.status === "pending" || r.status === "proposed") ?? detail.recommendations[0];
  if (!top) return null;
  const where = top.source && top.destination ? ` from ${top.source.name} to ${top.destination.name}` : top.poNumber ? ` on ${top.poNumber}` : "";
  return `${top.actionType.replace(/_/g, " ")} ${Math.round(top.quantity)} units${where} — net benefit ${money(top.netBenefit)}, ${top.status}, needs ${top.tier} approval`;
}

/**
 * "Why is Urban jeans at North Park 2 at risk?": the engine's root cause of the highest-scoring open
 * exception the question names (or of the page it was asked on), with its drivers in numbers and the
 * recommended action.
 */
export async function answerExplainException(ctx: AskContext, parsed: ParsedQuestion): Promise<DraftAnswer> {
  let detail: TExceptionDetail | null = null;
  if (!namesSomething(parsed)) detail = await pageException(ctx);
  const queue = queueHref(queueFiltersOf(ctx, parsed.entities));
  if (!detail) {
    if (!namesSomething(parsed)) {
      return {
        status: "empty",
        sentence: sentence("Name a product, store or region (e.g. “why is SKU0038 at S007 at risk?”), or ask on an exception's page."),
        primaryHref: null,
      };
    }
    const best = await ctx.db.exception.findFirst({ where: exceptionWhere(ctx, parsed.entities), orderBy: [{ score: "desc" }, { id: "asc" }] });
    if (!best) return { status: "empty", sentence: sentence("Nothing is at risk there: no open exception matches in your scope. See the ", link("queue", queue), "."), primaryHref: queue };
    detail = await getExceptionDetail(ctx.db, ctx.actor, best.id);
  }
  const href = exceptionHref(detail.id);
  const items: AnswerItem[] = detail.drivers.slice(0, DRIVERS_SHOWN).map((d) => ({ label: d.label, detail: d.text, href }));
  const action = recommendationText(detail);
  if (action) items.push({ label: "Recommended", detail: action, href });
  return {
    status: "answered",
    sentence: sentence(
      link(`${typeLabel(detail.type)} of ${detail.product.sku} ${detail.product.name} at ${exceptionPlaceName(detail)}`, href),
      ": ",
      detail.summary,
      " ",
      link(money(detail.moneyAtRisk), href),
      " at risk (score ",
      link(Math.round(detail.score).toLocaleString("en-US"), href),
      ").",
    ),
    items,
    primaryHref: href,
  };
}
