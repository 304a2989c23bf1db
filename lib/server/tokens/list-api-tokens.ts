import "server-only";
import type { Db } from "../db";
import { toApiTokenView } from "./api-token-view";
import type { TApiTokenList } from "../../contracts/tokens";

/** Every token, newest first, revoked ones included (they stay visible as history). */
export async function listApiTokens(db: Db): Promise<TApiTokenList> {
  const rows = await db.apiToken.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  const creators = await db.user.findMany({ where: { id: { in: [...new Set(rows.map((r) => r.createdById))] } }, select: { id: true, name: true } });
  const byId = new Map(creators.map((u) => [u.id, u]));
  return { items: rows.map((row) => toApiTokenView(row, byId.get(row.createdById) ?? null)) };
}
