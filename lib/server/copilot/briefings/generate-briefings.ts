import "server-only";
import { randomUUID } from "node:crypto";
import type { TBriefingWebhookBody } from "@/lib/copilot/briefing.types";
import type { Db, DbTransaction } from "../../db";
import { runWriteTransaction } from "../../write-transaction";
import { isRole } from "../../../contracts/permissions";
import { SCOPE_KINDS, type Scope, type ScopeKind } from "../../../contracts/permissions";
import { loadCopilotCatalog } from "../load-copilot-catalog";
import { loadExceptionChanges } from "../load-exception-changes";
import { buildBriefing } from "./build-briefing";
import { digestForSubscription } from "./digest-for-subscription";

const isScopeKind = (k: string): k is ScopeKind => (SCOPE_KINDS as readonly string[]).includes(k);

/** A person's briefing for a run, unless another process wrote it first (then theirs stands). */
export async function writeBriefing(tx: DbTransaction, userId: string, planRunId: string, content: unknown) {
  return tx.briefing.upsert({
    where: { userId_planRunId: { userId, planRunId } },
    create: { userId, planRunId, content: JSON.stringify(content) },
    update: {},
  });
}

/** A briefing counts changes since the previous network run ended; null for the first run ever. */
export async function briefingSince(db: Db, run: { finishedAt: Date | null }, now: Date): Promise<Date | null> {
  const previous = await db.planRun.findFirst({
    where: { status: "succeeded", scope: null, finishedAt: { lt: run.finishedAt ?? now } },
    orderBy: { finishedAt: "desc" },
    select: { finishedAt: true },
  });
  return previous?.finishedAt ?? null;
}

export interface GenerateBriefingsOutcome {
  status: "generated" | "skipped";
  briefings: number;
  deliveries: number;
}

/**
 * After a network plan run succeeds: a briefing for every active person (in their scope), and one
 * queued digest per subscription that something new or escalated matches. Idempotent — a briefing
 * per (person, run) and a delivery per (subscription, briefing) — so calling it twice for a run, or
 * after a crash half-way, adds only what is missing. Incremental (scoped) replans brief no one.
 */
export async function generateBriefings(db: Db, runId: string, now: Date = new Date()): Promise<GenerateBriefingsOutcome> {
  const run = await db.planRun.findUnique({ where: { id: runId } });
  if (!run || run.status !== "succeeded" || run.scope !== null) return { status: "skipped", briefings: 0, deliveries: 0 };
  const since = await briefingSince(db, run, now);
  const [loaded, changes, people] = await Promise.all([
    loadCopilotCatalog(db),
    // The whole network's changes, once; each briefing keeps the ones in its person's scope.
    loadExceptionChanges(db, {}, since ?? run.startedAt ?? run.queuedAt),
    db.user.findMany({ where: { active: true }, include: { scopes: true }, orderBy: { id: "asc" } }),
  ]);
  const subscriptions = await db.briefingSubscription.findMany({ where: { active: true, userId: { in: people.map((p) => p.id) } } });

  let briefings = 0;
  let deliveries = 0;
  for (const person of people) {
    if (!isRole(person.role)) continue;
    const scopes: Scope[] = person.scopes.flatMap((s) => (isScopeKind(s.kind) ? [{ kind: s.kind, value: s.value }] : []));
    const existing = await db.briefing.findUnique({ where: { userId_planRunId: { userId: person.id, planRunId: run.id } } });
    const content = existing
      ? (JSON.parse(existing.content) as Awaited<ReturnType<typeof buildBriefing>>)
      : await buildBriefing(db, loaded, { id: person.id, name: person.name, role: person.role, scopes }, run, since, changes, now);
    const personSubscriptions = subscriptions.filter((s) => s.userId === person.id);
    // The writes take the write lock and retry like every other writer: right after a run they
    // queue behind the next run's requests and the event writers, and must not time out (logged, lost).
    const written = await runWriteTransaction(db, async (tx) => {
      const briefing = existing ?? (await writeBriefing(tx, person.id, run.id, content));
      let queued = 0;
      for (const subscription of personSubscriptions) {
        const digest = digestForSubscription(content, subscription);
        if (!digest) continue;
        // The unique (subscription, briefing) pair: already queued by an earlier call.
        const already = await tx.briefingDelivery.findUnique({ where: { subscriptionId_briefingId: { subscriptionId: subscription.id, briefingId: briefing.id } }, select: { id: true } });
        if (already) continue;
        const deliveryId = randomUUID();
        const body: TBriefingWebhookBody = { event: "briefing.ready", deliveryId, briefing: digest };
        await tx.briefingDelivery.create({
          data: { id: deliveryId, subscriptionId: subscription.id, briefingId: briefing.id, status: "pending", nextAttemptAt: now, payload: JSON.stringify(body) },
        });
        queued++;
      }
      return queued;
    });
    if (!existing) briefings++;
    deliveries += written;
  }
  return { status: "generated", briefings, deliveries };
}
