import "server-only";
import type { Db } from "../db";
import type { UserActor } from "../actor";
import { AppError, forbidden } from "../app-error";
import { can } from "../../contracts/permissions";
import { exceptionWriteOptions } from "./exception-write-options";
import { writeExceptionChange } from "../governance/exception-transaction";
import { loadExceptionInScope } from "./load-exception-in-scope";
import { runWriteTransaction } from "../write-transaction";

/** Hides an open exception from the queue until a date; the next plan run after that date puts it back if the condition holds. */
export async function snoozeException(
  db: Db,
  actor: UserActor,
  exceptionId: string,
  input: { expectedVersion: number; until: string; comment?: string },
  now = new Date(),
): Promise<void> {
  if (!can(actor.role, "exceptions.triage")) throw forbidden("Your role cannot snooze exceptions.");
  const until = new Date(`${input.until}T00:00:00.000Z`);
  if (until <= now) throw new AppError("VALIDATION_FAILED", "Snooze until a future date.", { fieldErrors: { until: ["choose a date after today"] } });
  await runWriteTransaction(db, async (tx) => {
    const { exception } = await loadExceptionInScope(tx, actor, exceptionId);
    if (exception.status !== "open" && exception.status !== "snoozed") {
      throw new AppError("CONFLICT", `This exception is ${exception.status} and cannot be snoozed.`);
    }
    await writeExceptionChange(tx, {
      exception,
      expectedVersion: input.expectedVersion,
      data: { status: "snoozed", snoozedUntil: until },
      actor,
      action: "exception.snoozed",
      reason: input.comment ?? null,
    });
  }, exceptionWriteOptions);
}
