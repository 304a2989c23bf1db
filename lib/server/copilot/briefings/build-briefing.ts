import "server-only";
import type { TBriefing, TBriefingItem } from "@/lib/copilot/briefing.types";
import type { TExceptionType } from "@/lib/copilot/copilot.types";
import type { UserActor } from "../../actor";
import type { Db } from "../../db";
import { exceptionScopeWhere, isExceptionInScope } from "../../governance/exception-scope";
import { listPendingApprovals } from "../../governance/list-pending-approvals";
import { can } from "../../../contracts/permissions";
import { queueHref, storeScopeIds, type AskContext } from "../ask-context";
import { exceptionItem } from "../exception-rows";
import type { ExceptionChange } from "../load-exception-changes";
import { loadLateSuppliers } from "../load-late-suppliers";
import type { LoadedCatalog } from "../load-copilot-catalog";

const TOP_ITEMS = 5;
/** Enough for subscriptions to filter by type and value without missing items; the page shows the first few. */
const LISTED_CHANGES = 100;
const SUPPLIERS = 3;

export interface BriefingRun {
  id: string;
  asOf: Date;
  finishedAt: Date | null;
}

export interface BriefingPerson extends UserActor {
  name: string;
}

/** A change as a briefing item, with what subscriptions filter on. */
export function toBriefingItem(ctx: AskContext, change: Pick<ExceptionChange, "id" | "type" | "region" | "category" | "locationId" | "productId" | "identityKey" | "drivers" | "moneyAtRisk" | "daysToImpact" | "tierRequired">): TBriefingItem {
  const item = exceptionItem(ctx, change);
  return {
    exceptionId: change.id,
    type: change.type as TExceptionType,
    region: change.region,
    category: change.category,
    locationCode: ctx.loaded.locationsById.get(change.locationId)?.code ?? "",
    sku: ctx.loaded.productsById.get(change.productId)?.sku ?? "",
    moneyAtRisk: change.moneyAtRisk,
    ...item,
  };
}

/** The changes of a run that fall in the person's scope (the run's changes are loaded once for everyone). */
export function changesInScope(person: UserActor, loaded: LoadedCatalog, changes: readonly ExceptionChange[]): ExceptionChange[] {
  return changes.filter((c) =>
    isExceptionInScope(person, { region: c.region, category: c.category, locationCode: loaded.locationsById.get(c.locationId)?.code ?? "" }),
  );
}

const total = (rows: readonly ExceptionChange[], href: string) => ({ count: rows.length, money: rows.reduce((s, r) => s + r.moneyAtRisk, 0), href });

/**
 * One person's briefing after a plan run, inside their scope: exceptions new, closed and escalated
 * since the previous run (money at risk by type), the top items to do, approvals waiting on them and
 * suppliers slipping. Links are app paths; the e-mail makes them absolute.
 */
export async function buildBriefing(
  db: Db,
  loaded: LoadedCatalog,
  person: BriefingPerson,
  run: BriefingRun,
  since: Date | null,
  changes: readonly ExceptionChange[],
  now: Date,
): Promise<TBriefing> {
  const ctx: AskContext = {
    db,
    actor: person,
    loaded,
    today: now.toISOString().slice(0, 10),
    now,
    latestRun: { id: run.id, asOf: run.asOf.toISOString().slice(0, 10), finishedAt: run.finishedAt },
    pageExceptionId: null,
  };
  const scope = exceptionScopeWhere(person, storeScopeIds(ctx));
  const open = { AND: [scope, { status: "open" }] };
  const [byType, top, suppliers, approvals] = await Promise.all([
    db.exception.groupBy({ by: ["type"], where: open, _sum: { moneyAtRisk: true }, _count: { _all: true } }),
    db.exception.findMany({ where: open, orderBy: [{ score: "desc" }, { id: "asc" }], take: TOP_ITEMS }),
    loadLateSuppliers(db, person, run.asOf, { exceptionWhere: open }),
    can(person.role, "decisions.approve") ? listPendingApprovals(db, person, { limit: 500 }, now) : null,
  ]);
  const mine = changesInScope(person, loaded, changes);
  const newOnes = mine.filter((c) => c.kind === "new");
  const closed = mine.filter((c) => c.kind === "closed");
  const escalated = mine.filter((c) => c.kind === "escalated");
  const byMoney = (a: ExceptionChange, b: ExceptionChange) => b.moneyAtRisk - a.moneyAtRisk || a.id.localeCompare(b.id);
  return {
    planRunId: run.id,
    asOf: ctx.latestRun!.asOf,
    generatedAt: now.toISOString(),
    since: since?.toISOString() ?? null,
    person: { id: person.id, name: person.name, role: person.role },
    queueHref: queueHref({ sort: "score", order: "desc" }),
    changes: {
      new: total(newOnes, queueHref({ sort: "raisedAt", order: "desc" })),
      closed: total(closed, queueHref({ status: ["resolved", "closed"] })),
      escalated: total(escalated, queueHref({ sort: "score", order: "desc" })),
    },
    moneyAtRiskByType: byType
      .map((g) => ({ type: g.type as TExceptionType, count: g._count._all, money: g._sum.moneyAtRisk ?? 0, href: queueHref({ type: [g.type], sort: "moneyAtRisk", order: "desc" }) }))
      .sort((a, b) => b.money - a.money || a.type.localeCompare(b.type)),
    newItems: [...newOnes].sort(byMoney).slice(0, LISTED_CHANGES).map((c) => toBriefingItem(ctx, c)),
    escalatedItems: [...escalated].sort(byMoney).slice(0, LISTED_CHANGES).map((c) => toBriefingItem(ctx, c)),
    topItems: top.map((e) => toBriefingItem(ctx, e)),
    approvals: approvals
      ? { count: approvals.totals.items, value: approvals.totals.value, overdue: approvals.totals.overdue, href: "/approvals" }
      : null,
    suppliers: suppliers.slice(0, SUPPLIERS).map((s) => ({
      code: s.code,
      name: s.name,
      detail: [
        s.latePurchaseOrders > 0 ? `${s.latePurchaseOrders} PO${s.latePurchaseOrders === 1 ? "" : "s"} past promise (${s.meanDaysLate.toFixed(1)} d late on average)` : null,
        s.delayExceptions > 0 ? `${s.delayExceptions} delay exception${s.delayExceptions === 1 ? "" : "s"}` : null,
      ]
        .filter(Boolean)
        .join(", "),
      href: queueHref({ type: ["supplier_delay"], supplier: [s.code] }),
    })),
  };
}
