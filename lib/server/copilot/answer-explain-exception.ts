import "server-only";
import type { AnswerItem, ParsedQuestion } from "@/lib/copilot/copilot.types";
import { getExceptionDetail } from "../exceptions/get-exception-detail";
import { exceptionPlaceName, type TExceptionDetail } from "../../contracts/exceptions";
import { isAppError } from "../app-error";
import { exceptionHref, exceptionWhere, link, money, plural, queueFiltersOf, queueHref, sentence, type AskContext, type DraftAnswer } from "./ask-context";
import { typeLabel } from "./exception-rows";
import { ACTION_TYPE_LABEL, quantityUnitLabel, RECOMMENDATION_STATUS_LABEL, TIER_LABEL } from "../../contracts/governance";

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
  // Labels, not codes: "Confirm or cancel PO 252 units … awaiting approval", never "confirm po … pending".
  const quantity = Math.round(top.quantity);
  const status = RECOMMENDATION_STATUS_LABEL[top.status].toLowerCase();
  return `${ACTION_TYPE_LABEL[top.actionType]} ${quantity.toLocaleString("en-US")} ${quantityUnitLabel(top.actionType, quantity)}${where} — net benefit ${money(top.netBenefit)}, ${status}, needs ${TIER_LABEL[top.tier].toLowerCase()} approval`;
}

/**
 * No open exception matches. When the question implied a kind ("why is North Park 5 short?" asks for a
 * stock-out) the place may still have open exceptions of other kinds, and "nothing is at risk there"
 * would contradict the queue beside it: the answer says there is no such kind there and links the others.
 */
async function nothingOfThatKind(ctx: AskContext, parsed: ParsedQuestion, queue: string): Promise<DraftAnswer> {
  const kinds = parsed.entities.exceptionTypes;
  const others = kinds.length > 0 ? await ctx.db.exception.count({ where: exceptionWhere(ctx, parsed.entities, { withTypes: false }) }) : 0;
  if (others === 0) return { status: "empty", sentence: sentence("Nothing is at risk there: no open exception matches in your scope. See the ", link("queue", queue), "."), primaryHref: queue };
  const othersQueue = queueHref(queueFiltersOf(ctx, { ...parsed.entities, exceptionTypes: [] }));
  const asked = kinds.map((kind) => typeLabel(kind).toLowerCase()).join(" or ");
  return {
    status: "empty",
    sentence: sentence(`No open ${asked} there in your scope, but `, link(plural(others, "open exception"), othersQueue), ` of another kind ${others === 1 ? "is" : "are"} there.`),
    primaryHref: othersQueue,
  };
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
    if (!best) return nothingOfThatKind(ctx, parsed, queue);
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
