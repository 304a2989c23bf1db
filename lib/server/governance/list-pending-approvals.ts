import "server-only";
import { exceptionPlaceName, exceptionSubjectName } from "../../contracts/exceptions";
import { exceptionStoreGroup, exceptionSupplierOrderGroup } from "../exceptions/exception-list-items";
import { supplierCutOfIdentityKey } from "../plan-runs/engine-vocabulary";
import type { Prisma } from "@prisma/client";
import type { Db } from "../db";
import { forbidden } from "../app-error";
import { can, isRole, ROLES, ROLE_DEFINITIONS } from "../../contracts/permissions";
import { ROUTING_DETAILS_KEY } from "./approval-routing";
import { HUMAN_TIERS, ZActionType, ZHumanTier, type TActionType, type THumanTier } from "../../contracts/governance";
import { decisionRefusal, INBOX_ASSIGNMENTS } from "./decision-rights";
import { exceptionScopeWhere } from "./exception-scope";
import { forecastOverrideAuthorsOfMany } from "./forecast-override-authors";
import { estimateFinancialImpact } from "./financial-impact";
import { getActivePolicy } from "./get-active-policy";
import type { UserActor } from "../actor";
import { approvalTotals, type SlaStatus, type TAlternativeAction, type TListPendingApprovalsQuery, type TPendingApproval, type TPendingApprovals } from "../../contracts/governance";

const HOUR_MS = 3_600_000;
/** Share of the SLA after which an item is flagged as due soon. */
const DUE_SOON_SHARE = 0.75;
/** Items waiting with other approvers shown for context, largest first. */
const ELSEWHERE_LIMIT = 100;
/** Alternatives still on the table: superseded, expired and rejected ones are history. */
const LIVE_STATUSES = ["proposed", "pending", "approved", "auto_approved", "exported"];

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

const isAssigned = (assignments: readonly { tier: THumanTier; actionTypes: readonly TActionType[] }[], tier: string, actionType: string) =>
  assignments.some((a) => a.tier === tier && (a.actionTypes as readonly string[]).includes(actionType));

/** Roles whose inbox holds items of this tier and action type, by label. */
function inboxOwners(tier: string, actionType: string): string[] {
  return ROLES.filter((role) => isAssigned(INBOX_ASSIGNMENTS[role], tier, actionType)).map((role) => ROLE_DEFINITIONS[role].label);
}

type PendingRow = Prisma.RecommendationGetPayload<{
  include: { exception: true; planRun: { select: { asOf: true } }; decisions: { select: { kind: true; actorId: true; createdAt: true } } };
}>;

/**
 * The approvals inbox: pending actions of the tiers and action types the actor's role is the
 * designated approver for (INBOX_ASSIGNMENTS), inside their scope — most overdue first (age as a
 * share of the tier's SLA) — and, for context, the pending actions the actor may see that wait in
 * other approvers' inboxes (largest first; approvable by the actor when their tier allows). Each
 * item carries its evidence: product and location names, root cause, the engine's alternatives
 * for the same exception, value, cost, benefit, margin and working-capital effect.
 */
export async function listPendingApprovals(
  db: Db,
  actor: UserActor,
  query: TListPendingApprovalsQuery,
  now = new Date(),
): Promise<TPendingApprovals> {
  if (!isRole(actor.role) || !can(actor.role, "decisions.approve")) throw forbidden("Your role does not approve actions.");
  const ownAssignments = INBOX_ASSIGNMENTS[actor.role];
  const assignments = ownAssignments.filter((a) => !query.tier || a.tier === query.tier);
  const policy = await getActivePolicy(db);
  const storeCodes = actor.scopes.filter((s) => s.kind === "STORE").map((s) => s.value);
  const stores = storeCodes.length ? await db.location.findMany({ where: { code: { in: storeCodes } }, select: { id: true } }) : [];
  const scope = exceptionScopeWhere(actor, stores.map((s) => s.id));
  const include = {
    exception: true,
    planRun: { select: { asOf: true } },
    decisions: { where: { kind: { in: ["route", "modify"] } }, orderBy: { createdAt: "desc" as const }, select: { kind: true, actorId: true, createdAt: true } },
  };
  const designatedWhere: Prisma.RecommendationWhereInput[] = assignments.map((a) => ({ tier: a.tier, actionType: { in: [...a.actionTypes] } }));
  const [rows, elsewhereRows] = await Promise.all([
    designatedWhere.length > 0 ? db.recommendation.findMany({ where: { status: "pending", OR: designatedWhere, exception: scope }, include, orderBy: { createdAt: "asc" } }) : Promise.resolve([]),
    db.recommendation.findMany({
      where: { status: "pending", exception: scope, ...(ownAssignments.length > 0 ? { NOT: { OR: ownAssignments.map((a) => ({ tier: a.tier, actionType: { in: [...a.actionTypes] } })) } } : {}) },
      include,
      orderBy: [{ value: "desc" }, { id: "asc" }],
      take: ELSEWHERE_LIMIT,
    }),
  ]);
  const all: PendingRow[] = [...rows, ...elsewhereRows];
  // People whose forecast override shaped an item may not approve it: the same answer the decision gives (loadForDecision).
  const overriders = await forecastOverrideAuthorsOfMany(db, all.map((row) => ({ locationId: row.exception.locationId, productId: row.exception.productId, planAsOf: row.planRun.asOf, createdAt: row.createdAt, row })));
  const overridersOf = new Map([...overriders].map(([subject, authors]) => [subject.row, authors]));

  const exceptionIds = [...new Set(all.map((r) => r.exceptionId))];
  const locationIds = [...new Set(all.map((r) => r.exception.locationId))];
  const productIds = [...new Set(all.map((r) => r.exception.productId))];
  const changerIds = [...new Set(all.flatMap((r) => r.decisions.flatMap((d) => (d.actorId ? [d.actorId] : []))))];
  const supplierCodes = [...new Set(all.flatMap((r) => supplierCutOfIdentityKey(r.exception.identityKey)?.supplierCode ?? []))];
  const [locations, products, changers, siblings, suppliers] = await Promise.all([
    db.location.findMany({ where: { id: { in: locationIds } }, select: { id: true, code: true, name: true } }),
    db.product.findMany({ where: { id: { in: productIds } }, select: { id: true, sku: true, name: true, unitCost: true } }),
    db.user.findMany({ where: { id: { in: changerIds } }, select: { id: true, name: true } }),
    db.recommendation.findMany({
      where: { exceptionId: { in: exceptionIds }, status: { in: LIVE_STATUSES } },
      select: { id: true, exceptionId: true, rank: true, actionType: true, quantity: true, value: true, status: true, tier: true, poNumber: true },
      orderBy: { rank: "asc" },
    }),
    supplierCodes.length > 0 ? db.supplier.findMany({ where: { code: { in: supplierCodes } }, select: { code: true, name: true } }) : [],
  ]);
  const supplierNameByCode = new Map(suppliers.map((supplier) => [supplier.code, supplier.name]));
  const locationById = new Map(locations.map((l) => [l.id, l]));
  const productById = new Map(products.map((p) => [p.id, p]));
  const nameById = new Map(changers.map((u) => [u.id, u.name]));

  const toItem = (row: PendingRow): TPendingApproval => {
    const { exception } = row;
    const actionType = ZActionType.parse(row.actionType);
    const tier = ZHumanTier.parse(row.tier);
    const product = productById.get(exception.productId);
    const location = locationById.get(exception.locationId);
    const locationCode = location?.code ?? "";
    const changedByIds = [...row.decisions.flatMap((d) => (d.actorId ? [d.actorId] : [])), ...(overridersOf.get(row) ?? [])];
    const pendingSince = row.decisions[0]?.createdAt ?? row.createdAt;
    const ageHours = (now.getTime() - pendingSince.getTime()) / HOUR_MS;
    const slaHours = policy.rules.slaHours[tier];
    const blockedReason = decisionRefusal(actor, "approve", {
      actionType,
      tier,
      place: { region: exception.region, category: exception.category, locationCode },
      changedByIds,
    });
    const alternatives: TAlternativeAction[] = siblings
      .filter((s) => s.exceptionId === row.exceptionId && s.id !== row.id)
      .map((s) => ({ recommendationId: s.id, rank: s.rank, actionType: ZActionType.parse(s.actionType), quantity: s.quantity, value: s.value, status: s.status, tier: s.tier, poNumber: s.poNumber }));
    return {
      recommendationId: row.id,
      version: row.version,
      actionType,
      quantity: row.quantity,
      value: row.value,
      cost: row.cost,
      benefit: row.benefit,
      rank: row.rank,
      optionCount: alternatives.length + 1,
      alternatives,
      poNumber: row.poNumber,
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
      // A cluster's item names its stores' cluster, not the DC it is filed under.
      locationName: exceptionPlaceName({ location: { name: location?.name ?? "" }, storeGroup: exceptionStoreGroup(exception) }),
      sku: product?.sku ?? "",
      // A supplier's cuts across SKUs name the supplier's lines, not the one product they are filed under.
      productName: exceptionSubjectName({
        product: { name: product?.name ?? "" },
        supplierOrderGroup: exceptionSupplierOrderGroup(exception, (code) => supplierNameByCode.get(code)),
      }),
      modifiedBy: row.modifiedById ? { id: row.modifiedById, name: nameById.get(row.modifiedById) ?? row.modifiedById } : null,
      canApprove: blockedReason === null,
      blockedReason,
      designated: isAssigned(ownAssignments, row.tier, row.actionType),
      waitingFor: inboxOwners(row.tier, row.actionType),
      belowValueBar: row.rank === 1 && exception.belowValueBar === true,
    };
  };

  const items = rows.map(toItem);
  // Items that need a person first; those below the value bar are listed for information after them.
  items.sort((a, b) => Number(a.belowValueBar) - Number(b.belowValueBar) || b.ageHours / b.slaHours - a.ageHours / a.slaHours);
  const elsewhere = elsewhereRows.map(toItem);
  return {
    items: items.slice(0, query.limit),
    truncated: items.length > query.limit,
    totals: approvalTotals(items),
    elsewhere,
    elsewhereTotals: approvalTotals(elsewhere),
    tiers: HUMAN_TIERS.filter((t) => ownAssignments.some((a) => a.tier === t)),
    confirmAboveValue: policy.rules.confirmAboveValue,
  };
}
