import "server-only";
import type { ParsedQuestion } from "@/lib/copilot/copilot.types";
import { exceptionWhere, link, money, plural, queueFiltersOf, queueHref, sentence, type AskContext, type DraftAnswer } from "./ask-context";
import { exceptionItem, impactWithin } from "./exception-rows";

const SHOWN = 8;

/** "Stock-outs in the North next week": the matching open exceptions, soonest impact first when a period is named. */
export async function answerListExceptions(ctx: AskContext, parsed: ParsedQuestion): Promise<DraftAnswer> {
  const impact = impactWithin(ctx, parsed.entities.period);
  const where = { AND: [exceptionWhere(ctx, parsed.entities), ...(impact ? [impact] : [])] };
  const [aggregate, rows] = await Promise.all([
    ctx.db.exception.aggregate({ where, _count: { _all: true }, _sum: { moneyAtRisk: true } }),
    ctx.db.exception.findMany({
      where,
      orderBy: impact ? [{ daysToImpact: "asc" }, { score: "desc" }, { id: "asc" }] : [{ score: "desc" }, { id: "asc" }],
      take: SHOWN,
    }),
  ]);
  const count = aggregate._count._all;
  const queue = queueHref(queueFiltersOf(ctx, parsed.entities, impact ? { sort: "daysToImpact", order: "asc" } : {}));
  const when = impact && parsed.entities.period ? ` with impact ${parsed.entities.period.label} (${parsed.entities.period.from} – ${parsed.entities.period.to})` : "";
  if (count === 0) return { status: "empty", sentence: sentence("No open exceptions match", when, " in your scope. See the ", link("queue", queue), "."), primaryHref: queue };
  return {
    status: "answered",
    sentence: sentence(link(plural(count, "open exception"), queue), when, " with ", link(money(aggregate._sum.moneyAtRisk ?? 0), queue), " at risk."),
    items: rows.map((row) => exceptionItem(ctx, row)),
    primaryHref: queue,
  };
}
