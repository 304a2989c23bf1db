import "server-only";
import type { Exception, Prisma } from "@prisma/client";
import type { AnswerItem, DateRange } from "@/lib/copilot/copilot.types";
import { EXCEPTION_TYPE_LABEL } from "../../contracts/exceptions";
import type { TExceptionType } from "../../contracts/exceptions";
import { exceptionHref, money, placeOf, type AskContext } from "./ask-context";
import { MS_PER_DAY } from "../../engine/calendar";

export const typeLabel = (type: string) => EXCEPTION_TYPE_LABEL[type as TExceptionType] ?? type.replace(/_/g, " ");


/**
 * "Stock-outs next week": exceptions whose impact lands inside the period, counted in days from the
 * latest plan's business day (daysToImpact is measured from there). No period, no restriction.
 */
export function impactWithin(ctx: AskContext, period: DateRange | null): Prisma.ExceptionWhereInput | null {
  if (!period || !ctx.latestRun) return null;
  const asOf = Date.parse(`${ctx.latestRun.asOf}T00:00:00Z`);
  const from = Math.round((Date.parse(`${period.from}T00:00:00Z`) - asOf) / MS_PER_DAY);
  const to = Math.round((Date.parse(`${period.to}T00:00:00Z`) - asOf) / MS_PER_DAY);
  if (to < 0) return null;
  return { daysToImpact: { gte: Math.max(0, from), lte: to } };
}

export function impactText(days: number | null): string {
  if (days === null) return "no date";
  if (days <= 0) return "now";
  return `in ${days} day${days === 1 ? "" : "s"}`;
}

/** One exception as a row under the answer, linked to its page. */
export function exceptionItem(ctx: AskContext, e: Pick<Exception, "id" | "type" | "locationId" | "productId" | "identityKey" | "drivers" | "moneyAtRisk" | "daysToImpact" | "tierRequired">): AnswerItem {
  const tier = e.tierRequired ? ` · needs ${e.tierRequired} approval` : "";
  return {
    label: `${typeLabel(e.type)} · ${placeOf(ctx, e)}`,
    detail: `${money(e.moneyAtRisk)} at risk · impact ${impactText(e.daysToImpact)}${tier}`,
    href: exceptionHref(e.id),
  };
}
