import "server-only";
import type { TAuditFilterOptions } from "../../contracts/audit";
import type { Db } from "../db";

/** Choices for the audit page's "who" and "entity" filters: only values that occur in the log. */
export async function listAuditFilterOptions(db: Db): Promise<TAuditFilterOptions> {
  const [actorRows, entityRows] = await Promise.all([
    db.auditEvent.findMany({ where: { actorId: { not: null } }, distinct: ["actorId"], select: { actorId: true } }),
    db.auditEvent.findMany({ distinct: ["entityType"], select: { entityType: true }, orderBy: { entityType: "asc" } }),
  ]);
  const ids = actorRows.flatMap((r) => (r.actorId ? [r.actorId] : []));
  const actors = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true, role: true }, orderBy: { name: "asc" } });
  return { actors, entityTypes: entityRows.map((r) => r.entityType) };
}
