import "server-only";
import type { TBriefing } from "@/lib/copilot/briefing.types";
import type { Db } from "../../db";
import { exceptionScopeWhere } from "../../governance/exception-scope";
import { loadCopilotCatalog } from "../load-copilot-catalog";
import { loadExceptionChanges } from "../load-exception-changes";
import { buildBriefing, type BriefingPerson } from "./build-briefing";
import { briefingSince, writeBriefing } from "./generate-briefings";
import { runWriteTransaction } from "../../write-transaction";

/**
 * The person's briefing for the latest network plan run. Written after the run for everyone; a person
 * the run did not brief (added since, or the hook failed) gets theirs written now, so no one finds
 * an empty page after a plan. Null before the first plan run.
 */
export async function getLatestBriefing(db: Db, person: BriefingPerson, now: Date = new Date()): Promise<TBriefing | null> {
  const run = await db.planRun.findFirst({ where: { status: "succeeded", scope: null }, orderBy: { finishedAt: "desc" } });
  if (!run) return null;
  const existing = await db.briefing.findUnique({ where: { userId_planRunId: { userId: person.id, planRunId: run.id } } });
  if (existing) return JSON.parse(existing.content) as TBriefing;
  const [loaded, since] = await Promise.all([loadCopilotCatalog(db), briefingSince(db, run, now)]);
  const stores = person.scopes.flatMap((s) => (s.kind === "STORE" ? (loaded.locationsByCode.get(s.value)?.id ?? []) : []));
  const changes = await loadExceptionChanges(db, exceptionScopeWhere(person, stores), since ?? run.startedAt ?? run.queuedAt);
  const content = await buildBriefing(db, loaded, person, run, since, changes, now);
  await runWriteTransaction(db, (tx) => writeBriefing(tx, person.id, run.id, content));
  return content;
}
