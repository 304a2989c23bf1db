import "server-only";
import type { DbTransaction } from "../db";

export interface OverrideSubject {
  locationId: number;
  productId: number;
  /** When the plan that made the recommendation ran, and when the recommendation was made. */
  planAsOf: Date;
  createdAt: Date;
}

/**
 * People whose forecast override shaped a recommendation: an override of the same series made
 * before the recommendation and still in force on the plan's date. The action follows their
 * number, so it counts as proposed by them — segregation of duties bars them from its final
 * approval, and it is never auto-approved.
 */
export async function forecastOverrideAuthors(tx: DbTransaction, subject: OverrideSubject): Promise<string[]> {
  const overrides = await tx.forecastOverride.findMany({
    where: {
      locationId: subject.locationId,
      productId: subject.productId,
      createdAt: { lte: subject.createdAt },
      endDate: { gte: subject.planAsOf },
    },
    select: { createdById: true },
  });
  return [...new Set(overrides.map((o) => o.createdById))];
}

/** The same for many recommendations at once (a plan run routes thousands): one query, matched in memory. */
export async function forecastOverrideAuthorsOfMany<T extends OverrideSubject>(tx: DbTransaction, subjects: readonly T[]): Promise<Map<T, string[]>> {
  const out = new Map<T, string[]>();
  if (subjects.length === 0) return out;
  // Overrides still in force are few (people make them by hand), so all of them are read at once.
  const overrides = await activeOverrides(tx, new Date(Math.min(...subjects.map((s) => s.planAsOf.getTime()))));
  for (const subject of subjects) {
    const authors = overrides
      .filter((o) => o.locationId === subject.locationId && o.productId === subject.productId && o.createdAt <= subject.createdAt && o.endDate >= subject.planAsOf)
      .map((o) => o.createdById);
    out.set(subject, [...new Set(authors)]);
  }
  return out;
}

function activeOverrides(tx: DbTransaction, onOrAfter: Date) {
  return tx.forecastOverride.findMany({
    where: { endDate: { gte: onOrAfter } },
    select: { locationId: true, productId: true, createdById: true, createdAt: true, endDate: true },
  });
}

/** Exceptions (by id) whose series carries a forecast override in force on `planAsOf`, made by `now`. */
export async function overriddenExceptionIds(tx: DbTransaction, exceptionIds: readonly string[], planAsOf: Date, now: Date): Promise<Set<string>> {
  const overrides = (await activeOverrides(tx, planAsOf)).filter((o) => o.createdAt <= now);
  if (overrides.length === 0 || exceptionIds.length === 0) return new Set();
  const wanted = new Set(exceptionIds);
  const exceptions = await tx.exception.findMany({
    where: { OR: overrides.map((o) => ({ locationId: o.locationId, productId: o.productId })) },
    select: { id: true },
  });
  return new Set(exceptions.map((e) => e.id).filter((id) => wanted.has(id)));
}
