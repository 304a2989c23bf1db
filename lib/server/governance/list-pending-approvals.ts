import "server-only";
import type { Db } from "../db";
import { forbidden } from "../http/app-error";
import { can, isRole } from "../permissions/permissions";
import { ROUTING_DETAILS_KEY } from "./approval-routing";
import { ZActionType, ZHumanTier } from "./approval-policy.types";
import { decisionRefusal, INBOX_ASSIGNMENTS } from "./decision-rights";
import { exceptionScopeWhere } from "./exception-scope";
import { estimateFinancialImpact } from "./financial-impact";
import { getActivePolicy } from "./get-active-policy";
import type { GovernanceActor } from "./governance-actor";
import type { SlaStatus, TListPendingApprovalsQuery, TPendingApproval, TPendingApprovals } from "./list-pending-approvals.types";

const HOUR_MS = 3_600_000;
/** Share of the SLA after which an item is flagged as due soon. */
const DUE_SOON_SHARE = 0.75;

function slaStatus(ageHours: number, slaHours: number): SlaStatus {
  if (ageHours > slaHours) return "overdue";
  return ageHours >= slaHours * DUE_SOON_SHARE ? "due_soon" : "within";
}

function routingReasons(detailsJson: string): string[] {
  const details: unknown = JSON.parse(detailsJson);
  if (typeof details !== "object" || details === null || !(ROUTING_DETAILS_KEY in details)) return [];
  const routing: unknown = (details as Record<string, unknown>)[ROUTING_DETAILS_KEY];
  if (typeof routing !== "object" || routing === null || !("reasons" in routing) || !Array.isArray(routing.reasons)) return [];
  return routing.reasons.filter((r): r is string => typeof r === "string");
}

/**
 * The approvals inbox: pending actions of the tiers and action types the actor's role is the
 * designated approver for (INBOX_ASSIGNMENTS), inside their scope — most overdue first (age as a share of the tier's SLA). Items the
 * actor modified stay visible but are marked as not theirs to approve.
 */
export async function listPendingApprovals(
  db: Db,
  actor: GovernanceActor,
  query: TListPendingApprovalsQuery,
  now = new Date(),
): Promise<TPendingApprovals> {
  if (!isRole(actor.role) || !can(actor.role, "decisions.approve")) throw forbidden("Your role does not approve actions.");
  const assignments = INBOX_ASSIGNMENTS[actor.role].filter((a) => !query.tier || a.tier === query.tier);
  const policy = await getActivePolicy(db);
  const storeCodes = actor.scopes.filter((s) => s.kind === "STORE").map((s) => s.value);
  const stores = storeCodes.length
    ? await db.location.findMany({ where: { code: { in: storeCodes } }, select: { id: true } })
    : [];

  const rows = await db.recommendation.findMany({
    where: {
      status: "pending",
      OR: assignments.map((a) => ({ tier: a.tier, actionType: { in: [...a.actionTypes] } })),
      exception: exceptionScopeWhere(actor, stores.map((s) => s.id)),
    },
    include: {
      exception: true,
      decisions: {
        where: { kind: { in: ["route", "modify"] } },
        orderBy: { createdAt: "desc" },
        select: { kind: true, actorId: true, createdAt: true },
      },
    },
    orderBy: { createdAt: "asc" },
  });

  const locationIds = [...new Set(rows.map((r) => r.exception.locationId))];
  const productIds = [...new Set(rows.map((r) => r.exception.productId))];
  const changerIds = [...new Set(rows.flatMap((r) => r.decisions.flatMap((d) => (d.actorId ? [d.actorId] : []))))];
  const [locations, products, changers] = await Promise.all([
    db.location.findMany({ where: { id: { in: locationIds } }, select: { id: true, code: true } }),
    db.product.findMany({ where: { id: { in: productIds } }, select: { id: true, sku: true, name: true, unitCost: true } }),
    db.user.findMany({ where: { id: { in: changerIds } }, select: { id: true, name: true } }),
  ]);
  const locationById = new Map(locations.map((l) => [l.id, l]));
  const productById = new Map(products.map((p) => [p.id, p]));
  const nameById = new Map(changers.map((u) => [u.id, u.name]));

  const items = rows.map((row): TPendingApproval => {
    const { exception } = row;
    const actionType = ZActionType.parse(row.actionType);
    const tier = ZHumanTier.parse(row.tier);
    const product = productById.get(exception.productId);
    const locationCode = locationById.get(exception.locationId)?.code ?? "";
    const changedByIds = row.decisions.flatMap((d) => (d.actorId ? [d.actorId] : []));
    const pendingSince = row.decisions[0]?.createdAt ?? row.createdAt;
    const ageHours = (now.getTime() - pendingSince.getTime()) / HOUR_MS;
    const slaHours = policy.rules.slaHours[tier];
    const blockedReason = decisionRefusal(actor, "approve", {
      actionType,
      tier,
      place: { region: exception.region, category: exception.category, locationCode },
      changedByIds,
    });
    return {
      recommendationId: row.id,
      version: row.version,
      actionType,
      quantity: row.quantity,
      value: row.value,
      ...estimateFinancialImpact({ ...row, actionType }, product?.unitCost ?? 0),
      tier,
      policyVersion: row.policyVersion,
      routingReasons: routingReasons(row.details),
      pendingSince: pendingSince.toISOString(),
      ageHours,
      slaHours,
      slaStatus: slaStatus(ageHours, slaHours),
      exceptionId: exception.id,
      exceptionType: exception.type,
      rootCause: exception.summary,
      region: exception.region,
      category: exception.category,
      locationCode,
      sku: product?.sku ?? "",
      productName: product?.name ?? "",
      modifiedBy: row.modifiedById ? { id: row.modifiedById, name: nameById.get(row.modifiedById) ?? row.modifiedById } : null,
      canApprove: blockedReason === null,
      blockedReason,
    };
  });
  items.sort((a, b) => b.ageHours / b.slaHours - a.ageHours / a.slaHours);
  return {
    items: items.slice(0, query.limit),
    truncated: items.length > query.limit,
    totals: {
      items: items.length,
      value: items.reduce((sum, i) => sum + i.value, 0),
      overdue: items.filter((i) => i.slaStatus === "overdue").length,
    },
  };
}
