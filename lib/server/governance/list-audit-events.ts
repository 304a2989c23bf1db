import "server-only";
import type { Prisma } from "@prisma/client";
import type { Db } from "../db";
import { SYSTEM_ROLE } from "../actor";
import type { TAuditEventView, TAuditPage, TAuditQuery } from "../../contracts/audit";
import { MS_PER_DAY } from "../../engine/calendar";
import { loadAuditNames } from "./audit-names";


function parseJson(text: string | null): unknown {
  if (text === null) return null;
  try {
    return JSON.parse(text);
  } catch {
    // Rows are written by recordAuditEvent as JSON; show anything else verbatim rather than hide it.
    return text;
  }
}

function whereOf(query: TAuditQuery): Prisma.AuditEventWhereInput {
  const at: Prisma.DateTimeFilter = {};
  if (query.from) at.gte = new Date(`${query.from}T00:00:00.000Z`);
  if (query.to) at.lt = new Date(new Date(`${query.to}T00:00:00.000Z`).getTime() + MS_PER_DAY);
  return {
    ...(query.actorId ? { actorId: query.actorId } : {}),
    ...(query.action ? (query.action.includes(".") ? { action: query.action } : { action: { startsWith: `${query.action}.` } }) : {}),
    ...(query.entityType ? { entityType: query.entityType } : {}),
    ...(query.entityId ? { entityId: query.entityId } : {}),
    ...(query.from || query.to ? { at } : {}),
    ...(query.beforeSeq ? { seq: { lt: query.beforeSeq } } : {}),
    ...(query.rows === "people" ? { NOT: { OR: [{ actorRole: SYSTEM_ROLE }, { actorRole: null }, { action: { startsWith: "auth." } }] } } : {}),
  };
}

/**
 * Audit records matching the filters, newest first, with the actor's name and before/after
 * parsed for display. The audit log is global by design (only global roles read it).
 */
export async function listAuditEvents(db: Db, query: TAuditQuery, rowLimit = query.limit): Promise<TAuditPage> {
  const rows = await db.auditEvent.findMany({ where: whereOf(query), orderBy: { seq: "desc" }, take: rowLimit + 1 });
  const page = rows.slice(0, rowLimit);
  const actorIds = [...new Set(page.flatMap((r) => (r.actorId ? [r.actorId] : [])))];
  const actors = await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, name: true } });
  const nameById = new Map(actors.map((a) => [a.id, a.name]));
  const events = page.map(
    (r): TAuditEventView => ({
      seq: r.seq,
      at: r.at.toISOString(),
      actorId: r.actorId,
      actorName: r.actorId ? (nameById.get(r.actorId) ?? null) : null,
      actorRole: r.actorRole,
      action: r.action,
      entityType: r.entityType,
      entityId: r.entityId,
      before: parseJson(r.before),
      after: parseJson(r.after),
      reason: r.reason,
      planRunId: r.planRunId,
      policyVersion: r.policyVersion,
      origin: r.origin,
      hash: r.hash,
    }),
  );
  // A CSV export keeps the raw ids (and would look up tens of thousands of names).
  const names = query.format === "json" ? await loadAuditNames(db, events) : {};
  return { events, names, nextBeforeSeq: rows.length > rowLimit ? (page.at(-1)?.seq ?? null) : null };
}
