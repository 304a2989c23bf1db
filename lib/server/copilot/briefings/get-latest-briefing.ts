import "server-only";
import type { TBriefing } from "@/lib/copilot/briefing.types";
import type { Db } from "../../db";

/** The person's briefing from the latest network plan run they were briefed on, or null before the first. */
export async function getLatestBriefing(db: Db, userId: string): Promise<TBriefing | null> {
  const row = await db.briefing.findFirst({ where: { userId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }] });
  return row ? (JSON.parse(row.content) as TBriefing) : null;
}
