import "server-only";
import type { Prisma } from "@prisma/client";
import type { Db } from "../db";
import { ACTIVE_EXCEPTION_STATUSES } from "../../contracts/exceptions";

export type ChangeKind = "new" | "closed" | "escalated";

/** One exception that changed since a moment, with what the briefing and answers group it by. */
export interface ExceptionChange {
  kind: ChangeKind;
  id: string;
  type: string;
  region: string;
  category: string;
  locationId: number;
  productId: number;
  supplierId: number | null;
  /** With drivers: tells a cluster's item (named by its stores) from one place's. */
  identityKey: string;
  drivers: string;
  moneyAtRisk: number;
  score: number;
  daysToImpact: number | null;
  tierRequired: string | null;
  /** For escalations: the approval tier before and now. */
  fromTier: string | null;
  toTier: string | null;
}

const TIER_RANK: Record<string, number> = { auto: 0, planner: 1, manager: 2, finance: 3 };

const SELECT = {
  id: true,
  type: true,
  region: true,
  category: true,
  locationId: true,
  productId: true,
  supplierId: true,
  identityKey: true,
  drivers: true,
  moneyAtRisk: true,
  score: true,
  daysToImpact: true,
  tierRequired: true,
} as const satisfies Prisma.ExceptionSelect;

/**
 * Exceptions raised, closed or escalated after `since`, among those `where` selects (the asker's
 * scope, or everything for a briefing that filters per user afterwards). Escalated: an exception
 * already open before `since` whose newest recommendation needs a higher approval tier than the one
 * before `since` did.
 */
export async function loadExceptionChanges(db: Db, where: Prisma.ExceptionWhereInput, since: Date): Promise<ExceptionChange[]> {
  const [raised, closed, recentRecommendations] = await Promise.all([
    db.exception.findMany({ where: { AND: [where, { raisedAt: { gt: since }, status: { in: [...ACTIVE_EXCEPTION_STATUSES] } }] }, select: SELECT }),
    db.exception.findMany({ where: { AND: [where, { closedAt: { gt: since }, status: { in: ["resolved", "closed"] } }] }, select: SELECT }),
    db.recommendation.findMany({
      where: { createdAt: { gt: since }, exception: { AND: [where, { raisedAt: { lte: since }, status: "open" }] } },
      select: { exceptionId: true, tier: true },
    }),
  ]);
  const newestTier = new Map<string, number>();
  for (const r of recentRecommendations) newestTier.set(r.exceptionId, Math.max(newestTier.get(r.exceptionId) ?? -1, TIER_RANK[r.tier] ?? -1));
  const earlier = newestTier.size
    ? await db.recommendation.findMany({
        where: { exceptionId: { in: [...newestTier.keys()] }, createdAt: { lte: since } },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        select: { exceptionId: true, tier: true },
      })
    : [];
  const tierBefore = new Map<string, string>();
  for (const r of earlier) if (!tierBefore.has(r.exceptionId)) tierBefore.set(r.exceptionId, r.tier);
  const escalatedIds = [...newestTier].filter(([id, rank]) => tierBefore.has(id) && rank > (TIER_RANK[tierBefore.get(id)!] ?? 0)).map(([id]) => id);
  const escalated = escalatedIds.length ? await db.exception.findMany({ where: { id: { in: escalatedIds } }, select: SELECT }) : [];
  const rankName = (rank: number) => Object.keys(TIER_RANK).find((k) => TIER_RANK[k] === rank) ?? null;

  return [
    ...raised.map((e) => ({ kind: "new" as const, ...e, fromTier: null, toTier: null })),
    ...closed.map((e) => ({ kind: "closed" as const, ...e, fromTier: null, toTier: null })),
    ...escalated.map((e) => ({ kind: "escalated" as const, ...e, fromTier: tierBefore.get(e.id) ?? null, toTier: rankName(newestTier.get(e.id) ?? -1) })),
  ].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id));
}

export interface ChangeSummary {
  new: { count: number; money: number };
  closed: { count: number; money: number };
  escalated: { count: number; money: number };
  /** Money at risk of the new exceptions by type, largest first. */
  newByType: { type: string; count: number; money: number }[];
}

export function summarizeChanges(changes: readonly ExceptionChange[]): ChangeSummary {
  const total = (kind: ChangeKind) => {
    const rows = changes.filter((c) => c.kind === kind);
    return { count: rows.length, money: rows.reduce((s, r) => s + r.moneyAtRisk, 0) };
  };
  const byType = new Map<string, { type: string; count: number; money: number }>();
  for (const c of changes) {
    if (c.kind !== "new") continue;
    const entry = byType.get(c.type) ?? { type: c.type, count: 0, money: 0 };
    entry.count++;
    entry.money += c.moneyAtRisk;
    byType.set(c.type, entry);
  }
  return {
    new: total("new"),
    closed: total("closed"),
    escalated: total("escalated"),
    newByType: [...byType.values()].sort((a, b) => b.money - a.money || a.type.localeCompare(b.type)),
  };
}
