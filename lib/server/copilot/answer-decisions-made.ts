import "server-only";
import type { ParsedQuestion } from "@/lib/copilot/copilot.types";
import { exceptionHref, exceptionWhere, link, money, placeOf, plural, sentence, type AskContext, type DraftAnswer } from "./ask-context";
import { MS_PER_DAY } from "../../engine/calendar";

const SHOWN = 8;
const PAST_TENSE = { approve: "approved", reject: "rejected", modify: "modified" } as const;

/** "What did finance approve today?": human decisions in the period (today by default) on items in scope. */
export async function answerDecisionsMade(ctx: AskContext, parsed: ParsedQuestion): Promise<DraftAnswer> {
  const e = parsed.entities;
  const period = e.period ?? { from: ctx.today, to: ctx.today, label: "today" };
  const kinds = e.decisionKind ? [e.decisionKind] : (["approve", "reject", "modify"] as const);
  const where = {
    kind: { in: [...kinds] },
    createdAt: { gte: new Date(`${period.from}T00:00:00Z`), lt: new Date(new Date(`${period.to}T00:00:00Z`).getTime() + MS_PER_DAY) },
    ...(e.deciderRole ? { actorRole: e.deciderRole } : {}),
    recommendation: { exception: exceptionWhere(ctx, e, { status: ["open", "snoozed", "resolved", "closed"] }) },
  };
  const [count, rows] = await Promise.all([
    ctx.db.decision.count({ where }),
    ctx.db.decision.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: SHOWN,
      include: { recommendation: { select: { actionType: true, quantity: true, value: true, exception: { select: { id: true, locationId: true, productId: true, identityKey: true, drivers: true } } } } },
    }),
  ]);
  const value = await ctx.db.recommendation.aggregate({ where: { decisions: { some: where } }, _sum: { value: true } });
  const who = e.deciderRole ? e.deciderRole.replace(/_/g, " ") : "people in your scope";
  const verb = e.decisionKind ? PAST_TENSE[e.decisionKind] : "decided";
  const when = period.from === period.to ? `${period.label} (${period.from})` : `${period.label} (${period.from} – ${period.to})`;
  const auditHref = "/audit";
  if (count === 0) return { status: "empty", sentence: sentence(`Nothing was ${verb} by ${who} ${when} on items in your scope.`), primaryHref: null };
  const names = new Map(
    (await ctx.db.user.findMany({ where: { id: { in: [...new Set(rows.flatMap((r) => (r.actorId ? [r.actorId] : [])))] } }, select: { id: true, name: true } })).map((u) => [u.id, u.name]),
  );
  const first = rows[0]!;
  return {
    status: "answered",
    sentence: sentence(
      `${who[0]!.toUpperCase()}${who.slice(1)} ${verb} `,
      link(plural(count, "action"), exceptionHref(first.recommendation.exception.id)),
      ` ${when}, worth `,
      link(money(value._sum.value ?? 0), exceptionHref(first.recommendation.exception.id)),
      " in action value.",
    ),
    items: rows.map((r) => ({
      label: `${PAST_TENSE[r.kind as keyof typeof PAST_TENSE] ?? r.kind} ${r.recommendation.actionType.replace(/_/g, " ")} of ${Math.round(r.quantityAfter ?? r.recommendation.quantity)} units · ${placeOf(ctx, r.recommendation.exception)}`,
      detail: `by ${r.actorId ? (names.get(r.actorId) ?? "unknown") : "the system"} (${r.actorRole}) at ${r.createdAt.toISOString().slice(0, 16).replace("T", " ")} UTC · value ${money(r.recommendation.value)}`,
      href: exceptionHref(r.recommendation.exception.id),
    })),
    primaryHref: ctx.actor.role === "finance" || ctx.actor.role === "executive" || ctx.actor.role === "admin" ? auditHref : exceptionHref(first.recommendation.exception.id),
  };
}
