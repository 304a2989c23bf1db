import "server-only";
import type { ParsedQuestion } from "@/lib/copilot/copilot.types";
import { exceptionWhere, link, money, plural, queueFiltersOf, queueHref, sentence, type AskContext, type DraftAnswer } from "./ask-context";
import { typeLabel } from "./exception-rows";

/** Money at risk of the open exceptions in scope, in total and by exception type, each linked to its queue filter. */
/** "48%"; a share that rounds to nothing but is not nothing reads "under 1%", never "0%". */
function shareOfTotal(part: number, total: number): string {
  if (total <= 0 || part <= 0) return "0%";
  const percent = Math.round((100 * part) / total);
  return percent === 0 ? "under 1%" : `${percent}%`;
}

export async function answerMoneyAtRisk(ctx: AskContext, parsed: ParsedQuestion): Promise<DraftAnswer> {
  const where = exceptionWhere(ctx, parsed.entities);
  const byType = await ctx.db.exception.groupBy({ by: ["type"], where, _sum: { moneyAtRisk: true }, _count: { _all: true } });
  const rows = byType
    .map((g) => ({ type: g.type, money: g._sum.moneyAtRisk ?? 0, count: g._count._all }))
    .sort((a, b) => b.money - a.money || a.type.localeCompare(b.type));
  const total = rows.reduce((sum, r) => sum + r.money, 0);
  const count = rows.reduce((sum, r) => sum + r.count, 0);
  const queue = queueHref(queueFiltersOf(ctx, parsed.entities, { sort: "moneyAtRisk", order: "desc" }));
  if (count === 0) return { status: "empty", sentence: sentence("No money is at risk: no open exceptions match in your scope. See the ", link("queue", queue), "."), primaryHref: queue };
  const top = rows[0]!;
  return {
    status: "answered",
    sentence: sentence(
      link(money(total), queue),
      " at risk across ",
      link(plural(count, "open exception"), queue),
      rows.length > 1 ? "; the most from " : ", all ",
      link(`${typeLabel(top.type).toLowerCase()} (${money(top.money)})`, queueHref(queueFiltersOf(ctx, parsed.entities, { type: [top.type], sort: "moneyAtRisk", order: "desc" }))),
      ".",
    ),
    items: rows.map((r) => ({
      label: typeLabel(r.type),
      detail: `${money(r.money)} · ${plural(r.count, "exception")} · ${shareOfTotal(r.money, total)} of the total`,
      href: queueHref(queueFiltersOf(ctx, parsed.entities, { type: [r.type], sort: "moneyAtRisk", order: "desc" })),
    })),
    primaryHref: queue,
  };
}
