import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { Db } from "../db";
import type { GovernanceActor } from "../governance/governance-actor";
import { forbidden } from "../http/app-error";
import { can } from "../permissions/permissions";
import { exceptionWriteOptions } from "./exception-write-options";
import { loadExceptionInScope } from "./load-exception-in-scope";
import { runWriteTransaction } from "../write-transaction";

/** Adds a comment; comments never conflict, so no version is checked. Audited with the text. */
export async function commentOnException(db: Db, actor: GovernanceActor, exceptionId: string, input: { body: string }): Promise<void> {
  if (!can(actor.role, "exceptions.triage")) throw forbidden("Your role cannot comment on exceptions.");
  await runWriteTransaction(db, async (tx) => {
    const { exception } = await loadExceptionInScope(tx, actor, exceptionId);
    const comment = await tx.exceptionComment.create({ data: { exceptionId, authorId: actor.id, body: input.body } });
    await recordAuditEvent(tx, {
      actor: { userId: actor.id, role: actor.role },
      action: "exception.commented",
      entityType: "Exception",
      entityId: exceptionId,
      after: { commentId: comment.id, body: comment.body },
      planRunId: exception.lastRunId,
      origin: actor.origin ?? null,
    });
  }, exceptionWriteOptions);
}
