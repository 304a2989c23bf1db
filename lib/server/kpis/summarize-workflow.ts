import "server-only";
import type { Prisma } from "@prisma/client";
import { addDays } from "../../engine/calendar";
import { automatedShare, medianAgeDays, medianDays, medianHours, overrideRate } from "../../engine/kpis/workflow";
import { ACTIVE_EXCEPTION_STATUSES, CLOSED_REASONS } from "../../contracts/exceptions";
import type { Db } from "../db";
import type { KpiTile } from "../../contracts/kpis";


/**
 * Exception volume, ageing and time to resolve, approval cycle time, override rate and share of
 * actions automated for the segment, over the last `periodDays` and the period before. These read
 * the workflow tables live (they must be current) with counts and the few rows a median needs.
 */
export async function summarizeWorkflow(db: Db, where: Prisma.ExceptionWhereInput, periodDays: number, now: Date): Promise<KpiTile[]> {
  const start = addDays(now, -periodDays);
  const previousStart = addDays(start, -periodDays);
  const openWhere = { ...where, status: { in: [...ACTIVE_EXCEPTION_STATUSES] } };
  const openAt = (at: Date): Prisma.ExceptionWhereInput => ({ ...where, raisedAt: { lt: at }, OR: [{ closedAt: null }, { closedAt: { gt: at } }] });
  const decisionsIn = (from: Date, to: Date) =>
    db.decision.groupBy({ by: ["kind"], where: { createdAt: { gte: from, lt: to }, recommendation: { exception: where } }, _count: { _all: true } });

  const waitingRaisedIn = (from: Date, to: Date) => db.recommendation.count({ where: { status: "pending", createdAt: { gte: from, lt: to }, exception: where } });
  const [openNow, openBefore, closed, approvals, kindsNow, kindsBefore, waitingNow, waitingBefore] = await Promise.all([
    db.exception.count({ where: openWhere }),
    db.exception.count({ where: openAt(start) }),
    db.exception.findMany({
      where: { ...where, closedAt: { gte: previousStart }, NOT: { closedReason: CLOSED_REASONS.autoApproved } },
      select: { raisedAt: true, closedAt: true },
    }),
    db.decision.findMany({
      where: { kind: "approve", createdAt: { gte: previousStart }, recommendation: { exception: where } },
      select: { createdAt: true, recommendation: { select: { createdAt: true } } },
    }),
    decisionsIn(start, now),
    decisionsIn(previousStart, start),
    waitingRaisedIn(start, now),
    waitingRaisedIn(previousStart, start),
  ]);
  // The median age needs only the middle one or two open exceptions in raisedAt order.
  const middle = openNow > 0 ? await db.exception.findMany({ where: openWhere, orderBy: { raisedAt: "asc" }, skip: Math.floor((openNow - 1) / 2), take: openNow % 2 === 1 ? 1 : 2, select: { raisedAt: true } }) : [];

  const inPeriod = <T>(rows: T[], at: (row: T) => Date, from: Date, to: Date) => rows.filter((r) => at(r) >= from && at(r) < to);
  const resolved = (from: Date, to: Date) => medianDays(inPeriod(closed, (c) => c.closedAt!, from, to).map((c) => ({ from: c.raisedAt, to: c.closedAt! })));
  const cycle = (from: Date, to: Date) => medianHours(inPeriod(approvals, (d) => d.createdAt, from, to).map((d) => ({ from: d.recommendation.createdAt, to: d.createdAt })));
  const count = (kinds: typeof kindsNow, kind: string) => kinds.find((k) => k.kind === kind)?._count._all ?? 0;
  const overrides = (kinds: typeof kindsNow) => overrideRate({ approve: count(kinds, "approve"), modify: count(kinds, "modify"), reject: count(kinds, "reject") });
  const automated = (kinds: typeof kindsNow, waiting: number) => automatedShare(count(kinds, "auto_approve"), count(kinds, "approve"), waiting);
  const humanDecisions = count(kindsNow, "approve") + count(kindsNow, "modify") + count(kindsNow, "reject");
  const closedNow = inPeriod(closed, (c) => c.closedAt!, start, now).length;
  const approvalsNow = inPeriod(approvals, (d) => d.createdAt, start, now).length;

  return [
    { id: "openExceptions", value: openNow, previous: openBefore },
    { id: "exceptionAge", value: medianAgeDays(middle.map((e) => e.raisedAt), now), previous: null, basis: "now", sample: { count: openNow, of: "open exception" } },
    { id: "timeToResolve", value: resolved(start, now), previous: resolved(previousStart, start), sample: { count: closedNow, of: "resolved exception" } },
    { id: "approvalCycle", value: cycle(start, now), previous: cycle(previousStart, start), sample: { count: approvalsNow, of: "approval" } },
    { id: "overrideRate", value: overrides(kindsNow), previous: overrides(kindsBefore), sample: { count: humanDecisions, of: "decision by a person" } },
    {
      id: "automatedShare",
      value: automated(kindsNow, waitingNow),
      previous: automated(kindsBefore, waitingBefore),
      sample: { count: count(kindsNow, "auto_approve") + count(kindsNow, "approve") + waitingNow, of: "action" },
    },
  ];
}
