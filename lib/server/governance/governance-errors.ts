import "server-only";
import { AppError } from "../app-error";
import { pastTense, type DecisionKind } from "../../contracts/governance";

export interface FirstDecider {
  userId: string | null;
  name: string;
  role: string;
  decidedAt: Date;
  kind: DecisionKind;
}

/**
 * Someone else changed the item since the caller read it (optimistic concurrency). Carries who
 * decided first and when, so the client can say so instead of a bare "conflict".
 */
export class DecisionConflictError extends AppError {
  readonly firstDecider: FirstDecider | null;

  constructor(firstDecider: FirstDecider | null) {
    super(
      "CONFLICT",
      firstDecider
        ? `${firstDecider.name} (${firstDecider.role}) already ${pastTense(firstDecider.kind)} this item at ${firstDecider.decidedAt.toISOString()}. Reload to see the current state.`
        : "This item changed since you opened it. Reload to see the current state.",
    );
    this.name = "DecisionConflictError";
    this.firstDecider = firstDecider;
  }
}
