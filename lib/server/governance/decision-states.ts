import { AppError } from "../http/app-error";

export const RECOMMENDATION_STATUSES = [
  "proposed",
  "auto_approved",
  "pending",
  "approved",
  "rejected",
  "exported",
  "superseded",
  "expired",
] as const;
export type RecommendationStatus = (typeof RECOMMENDATION_STATUSES)[number];

/** What happened to a recommendation; one Decision row per event. */
export const DECISION_KINDS = [
  /** A plan run (or a person proposing) sends a proposed action to the tier it needs. */
  "route",
  "auto_approve",
  "approve",
  "modify",
  "reject",
  "supersede",
  "expire",
  "export",
] as const;
export type DecisionKind = (typeof DECISION_KINDS)[number];

/**
 * The workflow, as data: for each event, the states it may leave from and the state it leads to.
 * "modify" stays pending (re-routed to the tier the new value needs); "route" leads to pending or
 * auto_approved depending on the tier, so it lists both.
 */
export const DECISION_TRANSITIONS = {
  route: { from: ["proposed"], to: ["pending"] },
  auto_approve: { from: ["proposed"], to: ["auto_approved"] },
  approve: { from: ["pending"], to: ["approved"] },
  modify: { from: ["pending"], to: ["pending"] },
  reject: { from: ["pending"], to: ["rejected"] },
  supersede: { from: ["proposed", "pending"], to: ["superseded"] },
  expire: { from: ["proposed", "pending"], to: ["expired"] },
  export: { from: ["approved", "auto_approved"], to: ["exported"] },
} as const satisfies Record<DecisionKind, { from: readonly RecommendationStatus[]; to: readonly RecommendationStatus[] }>;

/** Statuses an event may start from, as a plain list for Prisma `in` filters. */
export function statusesAllowing(kind: DecisionKind): RecommendationStatus[] {
  return [...DECISION_TRANSITIONS[kind].from];
}

export function canTransition(from: string, kind: DecisionKind): boolean {
  return (DECISION_TRANSITIONS[kind].from as readonly string[]).includes(from);
}

const PAST_TENSE: Record<DecisionKind, string> = {
  route: "routed for approval",
  auto_approve: "auto-approved",
  approve: "approved",
  modify: "modified",
  reject: "rejected",
  supersede: "superseded",
  expire: "expired",
  export: "exported",
};

export function pastTense(kind: DecisionKind): string {
  return PAST_TENSE[kind];
}

/** Refuses an event the table does not allow from the item's current status. */
export function assertTransition(from: string, kind: DecisionKind): void {
  if (canTransition(from, kind)) return;
  const message =
    from === "proposed"
      ? `This action has not been sent for approval yet, so it cannot be ${PAST_TENSE[kind]}.`
      : `This action is already ${from.replace("_", "-")} and can no longer be ${PAST_TENSE[kind]}.`;
  throw new AppError("CONFLICT", message);
}
