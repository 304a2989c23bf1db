import "server-only";
import type { ParsedQuestion } from "@/lib/copilot/copilot.types";
import { exceptionHref, exceptionWhere, link, money, placeOf, plural, queueFiltersOf, queueHref, sentence, type AskContext, type DraftAnswer } from "./ask-context";
import { exceptionItem, impactText, impactWithin, typeLabel } from "./exception-rows";

const TOP = 5;

/** "What should I do first?": the open exceptions with the highest score in scope, best first. */
export async function answerTopPriorities(ctx: AskContext, parsed: ParsedQuestion): Promise<DraftAnswer> {
  const impact = impactWithin(ctx, parsed.entities.period?.from === ctx.today && parsed.entities.period.to === ctx.today ? null : parsed.entities.period);
  const where = { AND: [exceptionWhere(ctx, parsed.entities), ...(impact ? [impact] : [])] };
  const [count, rows] = await Promise.all([
    ctx.db.exception.count({ where }),
    ctx.db.exception.findMany({ where, orderBy: [{ score: "desc" }, { id: "asc" }], take: TOP }),
  ]);
  const queue = queueHref(queueFiltersOf(ctx, parsed.entities, { sort: "score", order: "desc" }));
  const first = rows[0];
  if (!first) return { status: "empty", sentence: sentence("Nothing open in your scope needs you now — the ", link("queue", queue), " is clear."), primaryHref: queue };
  return {
    status: "answered",
    sentence: sentence(
      link(plural(count, "open exception"), queue),
      " in your scope. Start with the ",
      link(`${typeLabel(first.type).toLowerCase()} of ${placeOf(ctx, first)}`, exceptionHref(first.id)),
      ": ",
      link(money(first.moneyAtRisk), exceptionHref(first.id)),
      " at risk, impact ",
      link(impactText(first.daysToImpact), exceptionHref(first.id)),
      ".",
    ),
    items: rows.map((row) => exceptionItem(ctx, row)),
    primaryHref: queue,
  };
}
