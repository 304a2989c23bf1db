import "server-only";
import type { Prisma } from "@prisma/client";
import { startOfUtcDay } from "../../engine/calendar";
import { CLOSED_REASONS, type TDailyCap } from "../../contracts/exceptions";
import type { Db } from "../db";
import { getActivePolicy } from "../governance/get-active-policy";

/** Decisions a person makes on an item; routing, expiry and exports are the system's. */
const PERSONAL_DECISIONS = ["approve", "modify", "reject"] as const;

export interface DailyOffer {
  cap: Omit<TDailyCap, "showing">;
  /** Ids of today's offer, highest score first. */
  offeredIds: string[];
}

/** Open items whose best action nets less than the policy's value bar: shown below it, never offered. */
export const BELOW_VALUE_BAR_WHERE: Prisma.ExceptionWhereInput = { belowValueBar: true };
/** The rest (null: written before the bar existed, reads as above it). */
export const ABOVE_VALUE_BAR_WHERE: Prisma.ExceptionWhereInput = { OR: [{ belowValueBar: null }, { belowValueBar: false }] };

/**
 * A planner's work for today: the open exceptions in their scope that need a person — not those
 * below the policy's value bar — ranked by score (then id, as the queue sorts), of which the first
 * `dailyItemsPerPlanner − decided today` are offered and the rest wait. Computed on each request, so
 * a new plan run's scores or a decision move the line at once; only the listing is capped — counts,
 * KPIs and the dashboard see every item. Other roles: none.
 */
export async function dailyOffer(db: Db, actor: { id: string; role: string }, scopeWhere: Prisma.ExceptionWhereInput, now = new Date()): Promise<DailyOffer | null> {
  if (actor.role !== "planner") return null;
  const policy = await getActivePolicy(db);
  const cap = policy.rules.dailyItemsPerPlanner;
  const openWhere: Prisma.ExceptionWhereInput = { AND: [scopeWhere, { status: "open" }] };
  const [decisions, open, belowBar, autoHandledToday] = await Promise.all([
    db.decision.findMany({
      where: { actorId: actor.id, kind: { in: [...PERSONAL_DECISIONS] }, createdAt: { gte: startOfUtcDay(now) } },
      select: { recommendation: { select: { exceptionId: true } } },
    }),
    db.exception.count({ where: openWhere }),
    db.exception.count({ where: { AND: [openWhere, BELOW_VALUE_BAR_WHERE] } }),
    db.exception.count({ where: { AND: [scopeWhere, { closedReason: CLOSED_REASONS.autoApproved, closedAt: { gte: startOfUtcDay(now) } }] } }),
  ]);
  const decidedToday = new Set(decisions.map((decision) => decision.recommendation.exceptionId)).size;
  const room = Math.max(0, cap - decidedToday);
  const offered =
    room === 0 ? [] : await db.exception.findMany({ where: { AND: [openWhere, ABOVE_VALUE_BAR_WHERE] }, orderBy: [{ score: "desc" }, { id: "desc" }], take: room, select: { id: true } });
  return {
    cap: {
      cap,
      policyVersion: policy.version,
      decidedToday,
      open,
      offered: offered.length,
      waiting: open - belowBar - offered.length,
      belowValueBar: belowBar,
      autoHandledToday,
      minDecisionValue: policy.rules.minDecisionValue,
    },
    offeredIds: offered.map((row) => row.id),
  };
}
