import "server-only";
import { recordAuditEvent } from "../audit/record-audit-event";
import type { Db } from "../db";
import type { UserActor } from "../actor";
import { forbidden } from "../app-error";
import { can } from "../../contracts/permissions";
import { exceptionWriteOptions } from "./exception-write-options";
import { loadExceptionInScope } from "./load-exception-in-scope";
import { runWriteTransaction } from "../write-transaction";

/** Adds a comment; comments never conflict, so no version is checked. Audited with the text. */
export async function commentOnException(db: Db, actor: UserActor, exceptionId: string, input: { body: string }): Promise<void> {
  if (!can(actor.role, "exceptions.triage")) throw forbidden("Your role cannot comment on exceptions.");
  await runWriteTransaction(db, async (tx) => {
    const { exception } = await loadExceptionInScope(tx, actor, exceptionId);
    const comment = await tx.exceptionComment.create({ data: { exceptionId, authorId: actor.id, body: input.body } });
    await recordAuditEvent(tx, {
      actor,
      action: "exception.commented",
      entityType: "Exception",
      entityId: exceptionId,
      after: { commentId: comment.id, body: comment.body },
      planRunId: exception.lastRunId,
    });
  }, { ...exceptionWriteOptions, lock: { keys: [`exception-comments:${exceptionId}`] } });
}
