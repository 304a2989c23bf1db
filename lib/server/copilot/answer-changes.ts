import "server-only";
import type { ParsedQuestion } from "@/lib/copilot/copilot.types";
import { exceptionWhere, link, money, plural, queueFiltersOf, queueHref, sentence, type AskContext, type DraftAnswer } from "./ask-context";
import { exceptionItem, typeLabel } from "./exception-rows";
import { loadExceptionChanges, summarizeChanges } from "./load-exception-changes";
import { MS_PER_DAY } from "../../engine/calendar";

const SHOWN = 6;

/** Since the named day, or else since the plan run before the latest one finished. */
async function changesSince(ctx: AskContext, parsed: ParsedQuestion): Promise<{ since: Date; label: string }> {
  const period = parsed.entities.period;
  if (period) return { since: new Date(`${period.from}T00:00:00Z`), label: `since ${period.from}` };
  const runs = await ctx.db.planRun.findMany({ where: { status: "succeeded", scope: null }, orderBy: { finishedAt: "desc" }, take: 2, select: { finishedAt: true } });
  const previous = runs[1]?.finishedAt ?? runs[0]?.finishedAt;
  if (previous) return { since: previous, label: `since the plan run of ${previous.toISOString().slice(0, 16).replace("T", " ")} UTC` };
  return { since: new Date(ctx.now.getTime() - MS_PER_DAY), label: "in the last 24 hours" };
}

/** "What changed since yesterday?": exceptions new, closed and escalated in scope, with money at risk by type. */
export async function answerChanges(ctx: AskContext, parsed: ParsedQuestion): Promise<DraftAnswer> {
  const { since, label } = await changesSince(ctx, parsed);
  const entities = parsed.entities;
  const changes = await loadExceptionChanges(ctx.db, exceptionWhere(ctx, entities, { status: ["open", "snoozed", "resolved", "closed"] }), since);
  const summary = summarizeChanges(changes);
  const openQueue = queueHref(queueFiltersOf(ctx, entities, { sort: "raisedAt", order: "desc" }));
  const closedQueue = queueHref(queueFiltersOf(ctx, entities, { status: ["resolved", "closed"] }));
  if (changes.length === 0) return { status: "empty", sentence: sentence(`Nothing changed in your scope ${label}. See the `, link("queue", openQueue), "."), primaryHref: openQueue };
  const top = summary.newByType[0];
  return {
    status: "answered",
    sentence: sentence(
      `${label[0]!.toUpperCase()}${label.slice(1)}: `,
      link(`${plural(summary.new.count, "new exception")} (${money(summary.new.money)} at risk)`, openQueue),
      ", ",
      link(`${summary.closed.count} closed`, closedQueue),
      ", ",
      link(`${summary.escalated.count} escalated`, queueHref(queueFiltersOf(ctx, entities, { sort: "score", order: "desc" }))),
      " to a higher approval tier",
      top ? "; most new money at risk is " : ".",
      top ? link(`${typeLabel(top.type).toLowerCase()} (${money(top.money)})`, queueHref(queueFiltersOf(ctx, entities, { type: [top.type], sort: "raisedAt", order: "desc" }))) : null,
      top ? "." : null,
    ),
    items: changes.slice(0, SHOWN).map((c) => {
      const item = exceptionItem(ctx, c);
      const tag = c.kind === "escalated" ? `Escalated ${c.fromTier} → ${c.toTier}` : c.kind === "new" ? "New" : "Closed";
      return { ...item, label: `${tag} · ${item.label}` };
    }),
    primaryHref: openQueue,
  };
}
