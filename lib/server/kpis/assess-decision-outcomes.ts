import "server-only";
import type { Prisma } from "@prisma/client";
import { judgeExcessAction, judgeStockoutAction, type DecisionOutcome } from "../../engine/kpis/decision-outcome";
import type { Db } from "../db";
import { findUnverifiedApprovals } from "../governance/verify-approvals";
import { APPROVED_STATUSES } from "../../contracts/governance";
import { toDayNumber } from "../../engine/calendar";
import type { OutcomeSummary } from "../../contracts/kpis";
import { actionLinesOf } from "../../contracts/exceptions";

/** Most recent approved actions judged; older ones have long settled into the trend. */
const MAX_ACTIONS = 300;
/** Days after approval over which an action is judged when the exception gave no impact date. */
const DEFAULT_WINDOW_DAYS = 28;

/**
 * What happened after approved stock-out and excess actions of the segment, from the sales that
 * arrived since the approval: did the stock-out happen, did the excess sell. Value protected sums
 * the expected benefit of the actions whose outcome was good. An approval without its verifying
 * decision and audit record (e.g. a status set in the database) does not count.
 */
export async function assessDecisionOutcomes(db: Db, where: Prisma.ExceptionWhereInput, lastSalesDay: number): Promise<OutcomeSummary> {
  const approved = await db.recommendation.findMany({
    where: { status: { in: [...APPROVED_STATUSES] }, decidedAt: { not: null }, exception: { ...where, type: { in: ["stockout", "excess"] } } },
    select: { id: true, status: true, version: true, decidedAt: true, quantity: true, benefit: true, details: true, exception: { select: { type: true, locationId: true, productId: true, daysToImpact: true } } },
    orderBy: { decidedAt: "desc" },
    take: MAX_ACTIONS,
  });
  const unverified = await findUnverifiedApprovals(db, approved);
  const actions = approved.filter((a) => !unverified.has(a.id));
  const summary: OutcomeSummary = { approved: actions.length, protected: 0, missed: 0, pending: 0, valueProtected: 0 };
  if (actions.length === 0) return summary;
  const since = actions.reduce((min, a) => (a.decidedAt! < min ? a.decidedAt! : min), actions[0]!.decidedAt!);
  // A cluster's markdown or order acts at its stores, not at the DC its exception is filed under.
  const locationsOf = new Map(actions.map((a) => [a.id, [...new Set(actionLinesOf(a.details)?.map((line) => line.locationId) ?? [a.exception.locationId])]]));
  const sales = await db.salesDaily.findMany({
    where: {
      locationId: { in: [...new Set([...locationsOf.values()].flat())] },
      productId: { in: [...new Set(actions.map((a) => a.exception.productId))] },
      date: { gt: since },
    },
    select: { locationId: true, productId: true, date: true, units: true, stockout: true },
  });
  const bySeries = new Map<string, typeof sales>();
  for (const s of sales) {
    const key = `${s.locationId}|${s.productId}`;
    bySeries.set(key, [...(bySeries.get(key) ?? []), s]);
  }
  for (const action of actions) {
    const first = toDayNumber(action.decidedAt!) + 1;
    const windowEnd = first + Math.max(1, action.exception.daysToImpact ?? DEFAULT_WINDOW_DAYS) + 7;
    const after = locationsOf.get(action.id)!.flatMap((locationId) => bySeries.get(`${locationId}|${action.exception.productId}`) ?? []).filter((s) => {
      const day = toDayNumber(s.date);
      return day >= first && day <= windowEnd;
    });
    const outcome: DecisionOutcome =
      action.exception.type === "stockout"
        ? judgeStockoutAction(
            after.map((s) => s.stockout === true),
            lastSalesDay >= windowEnd,
          )
        : judgeExcessAction(action.quantity, after.reduce((sum, s) => sum + s.units, 0), lastSalesDay >= windowEnd);
    summary[outcome] += 1;
    if (outcome === "protected") summary.valueProtected += action.benefit;
  }
  return summary;
}

