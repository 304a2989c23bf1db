import "server-only";
import type { Db, DbTransaction } from "../db";

export interface OverrideSubject {
  locationId: number;
  productId: number;
  /** When the plan that made the recommendation ran, and when the recommendation was made. */
  planAsOf: Date;
  createdAt: Date;
}

/** What the rule reads of an override: who wrote it and, for an approved recommendation's, who changed that recommendation's number. */
const AUTHORSHIP = { createdById: true, sourceActionId: true, sourceAction: { select: { modifiedById: true } } } as const;

interface OverrideAuthorship {
  createdById: string | null;
  sourceActionId: string | null;
  sourceAction: { modifiedById: string | null } | null;
}

/**
 * The person whose number an override is, or null when it is no person's. A planner's own override
 * is its author's. An override an approved "adjust forecast" recommendation wrote carries the
 * engine's number: its approver (createdById, kept for the audit) only checked it, so approving it
 * does not make the follow-on actions theirs — unless someone modified the recommended change
 * before it was approved, and then the number is the modifier's.
 */
function overrideAuthor(override: OverrideAuthorship): string | null {
  if (override.sourceActionId === null) return override.createdById;
  return override.sourceAction?.modifiedById ?? null;
}

function authorsOf(overrides: readonly OverrideAuthorship[]): string[] {
  return [...new Set(overrides.map(overrideAuthor).filter((author) => author !== null))];
}

/**
 * People whose forecast override shaped a recommendation: an override of the same series made
 * before the recommendation and still in force on the plan's date, by its author (overrideAuthor).
 * The action follows their number, so it counts as proposed by them — segregation of duties bars
 * them from its final approval, and it is never auto-approved.
 */
export async function forecastOverrideAuthors(tx: DbTransaction, subject: OverrideSubject): Promise<string[]> {
  const overrides = await tx.forecastOverride.findMany({
    where: {
      locationId: subject.locationId,
      productId: subject.productId,
      createdAt: { lte: subject.createdAt },
      endDate: { gte: subject.planAsOf },
    },
    select: AUTHORSHIP,
  });
  return authorsOf(overrides);
}

/**
 * The same for many recommendations at once (a plan run routes thousands; the inbox and the exception
 * page show the refusal the decision will meet): one query, matched in memory.
 */
export async function forecastOverrideAuthorsOfMany<T extends OverrideSubject>(tx: Db | DbTransaction, subjects: readonly T[]): Promise<Map<T, string[]>> {
  const out = new Map<T, string[]>();
  if (subjects.length === 0) return out;
  const overrides = await authoredOverrides(tx, new Date(Math.min(...subjects.map((s) => s.planAsOf.getTime()))));
  for (const subject of subjects) {
    const shaping = overrides.filter(
      (o) => o.locationId === subject.locationId && o.productId === subject.productId && o.createdAt <= subject.createdAt && o.endDate >= subject.planAsOf,
    );
    out.set(subject, authorsOf(shaping));
  }
  return out;
}

/**
 * Overrides in force on or after a date that have an author. Those are few (people make them by
 * hand), so all are read at once; an approved recommendation's unmodified change (the bulk of the
 * overrides, one per approved forecast change) is left out in the database.
 */
async function authoredOverrides(tx: Db | DbTransaction, onOrAfter: Date) {
  const overrides = await tx.forecastOverride.findMany({
    where: { endDate: { gte: onOrAfter }, OR: [{ sourceActionId: null }, { sourceAction: { modifiedById: { not: null } } }] },
    select: { locationId: true, productId: true, createdAt: true, endDate: true, ...AUTHORSHIP },
  });
  return overrides.filter((o) => overrideAuthor(o) !== null);
}

/** Exceptions (by id) whose series carries an authored forecast override in force on `planAsOf`, made by `now`. */
export async function overriddenExceptionIds(tx: DbTransaction, exceptionIds: readonly string[], planAsOf: Date, now: Date): Promise<Set<string>> {
  const overrides = (await authoredOverrides(tx, planAsOf)).filter((o) => o.createdAt <= now);
  if (overrides.length === 0 || exceptionIds.length === 0) return new Set();
  const wanted = new Set(exceptionIds);
  const exceptions = await tx.exception.findMany({
    where: { OR: overrides.map((o) => ({ locationId: o.locationId, productId: o.productId })) },
    select: { id: true },
  });
  return new Set(exceptions.map((e) => e.id).filter((id) => wanted.has(id)));
}
