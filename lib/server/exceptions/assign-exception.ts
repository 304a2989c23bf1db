import "server-only";
import type { Db } from "../db";
import { isExceptionInScope } from "../governance/exception-scope";
import type { UserActor } from "../actor";
import { AppError, forbidden } from "../app-error";
import { can } from "../../contracts/permissions";
import { SCOPE_KINDS, type Scope } from "../../contracts/permissions";
import { exceptionWriteOptions } from "./exception-write-options";
import { writeExceptionChange } from "../governance/exception-transaction";
import { loadExceptionInScope } from "./load-exception-in-scope";
import { runWriteTransaction } from "../write-transaction";

const isScopeKind = (kind: string): kind is Scope["kind"] => (SCOPE_KINDS as readonly string[]).includes(kind);

/** Assigns the exception to a person who can work it (active, triage rights, the exception in their scope), or unassigns it. */
export async function assignException(
  db: Db,
  actor: UserActor,
  exceptionId: string,
  input: { expectedVersion: number; assigneeId: string | null },
): Promise<void> {
  if (!can(actor.role, "exceptions.triage")) throw forbidden("Your role cannot assign exceptions.");
  await runWriteTransaction(db, async (tx) => {
    const { exception, locationCode } = await loadExceptionInScope(tx, actor, exceptionId);
    if (input.assigneeId !== null) {
      const assignee = await tx.user.findUnique({ where: { id: input.assigneeId }, include: { scopes: true } });
      const scopes = assignee?.scopes.flatMap((s) => (isScopeKind(s.kind) ? [{ kind: s.kind, value: s.value }] : [])) ?? [];
      const able =
        assignee?.active &&
        can(assignee.role, "exceptions.triage") &&
        isExceptionInScope({ role: assignee.role, scopes }, { region: exception.region, category: exception.category, locationCode });
      if (!able) {
        throw new AppError("VALIDATION_FAILED", "This person cannot work this exception.", {
          fieldErrors: { assigneeId: ["choose an active user whose role and scope cover this exception"] },
        });
      }
    }
    await writeExceptionChange(tx, {
      exception,
      expectedVersion: input.expectedVersion,
      data: { assigneeId: input.assigneeId },
      actor,
      action: "exception.assigned",
    });
  }, exceptionWriteOptions);
}
