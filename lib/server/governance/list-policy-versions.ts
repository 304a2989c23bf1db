import "server-only";
import type { TPolicyVersionSummary } from "../../contracts/governance";
import type { Db } from "../db";

/** Every policy version, newest first: old versions stay so past decisions remain explainable. */
export async function listPolicyVersions(db: Db): Promise<TPolicyVersionSummary[]> {
  const rows = await db.approvalPolicy.findMany({ orderBy: { version: "desc" }, select: { version: true, createdAt: true, createdById: true, note: true } });
  const ids = [...new Set(rows.flatMap((r) => (r.createdById ? [r.createdById] : [])))];
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } });
  const nameOf = new Map(users.map((u) => [u.id, u.name]));
  return rows.map((r) => ({
    version: r.version,
    createdAt: r.createdAt.toISOString(),
    createdBy: r.createdById ? (nameOf.get(r.createdById) ?? r.createdById) : null,
    note: r.note,
  }));
}
