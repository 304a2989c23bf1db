import "server-only";
import { canTransition, PAST_TENSE, type DecisionKind } from "../../contracts/governance";
import { AppError } from "../app-error";

/** Refuses an event the transition table does not allow from the item's current status. */
export function assertTransition(from: string, kind: DecisionKind): void {
  if (canTransition(from, kind)) return;
  const message =
    from === "proposed"
      ? `This action has not been sent for approval yet, so it cannot be ${PAST_TENSE[kind]}.`
      : `This action is already ${from.replace("_", "-")} and can no longer be ${PAST_TENSE[kind]}.`;
  throw new AppError("CONFLICT", message);
}
