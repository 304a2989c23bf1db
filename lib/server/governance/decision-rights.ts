import "server-only";
import { inSentence } from "../../contracts/format";
import type { HumanDecisionKind, TApprovalTier } from "../../contracts/governance";
import { can, canApproveTier, isRole, ROLE_DEFINITIONS, type Role } from "../../contracts/permissions";
import type { Scope } from "../../contracts/permissions";
import { ACTION_TYPE_LABEL, ACTION_TYPES, SUPPLIER_ACTION_TYPES, type TActionType, type THumanTier } from "../../contracts/governance";
import { isExceptionInScope, type ExceptionPlace } from "./exception-scope";

/**
 * Action types each role may decide at all (PRODUCT.md "who uses it"): buyers supplier and PO
 * actions, store managers their stores' transfers and counts. Tier and scope rules come on top.
 */
export const ROLE_ACTION_TYPES: Record<Role, readonly TActionType[]> = {
  planner: ACTION_TYPES,
  buyer: SUPPLIER_ACTION_TYPES,
  store_manager: ["transfer", "cycle_count"],
  finance: ACTION_TYPES,
  executive: [],
  admin: [],
};

/** A role that decides only supplier and PO actions (the buyer): its queue starts with that work. */
export function decidesOnlySupplierActions(role: string): boolean {
  if (!isRole(role)) return false;
  const types = ROLE_ACTION_TYPES[role];
  return types.length > 0 && types.every((type) => (SUPPLIER_ACTION_TYPES as readonly string[]).includes(type));
}

const NON_SUPPLIER_ACTION_TYPES = ACTION_TYPES.filter((t) => !(SUPPLIER_ACTION_TYPES as readonly string[]).includes(t));

/**
 * Whose inbox an item lands in: the role designated for its tier and action type. There is no
 * separate manager role, so the manager tier is the buyer's for supplier/PO actions and finance's
 * for everything else. Higher roles may still approve lower-tier items they open (canApproveTier);
 * the inbox just does not fill up with them.
 */
export const INBOX_ASSIGNMENTS: Record<Role, readonly { tier: THumanTier; actionTypes: readonly TActionType[] }[]> = {
  planner: [{ tier: "planner", actionTypes: ACTION_TYPES }],
  store_manager: [{ tier: "planner", actionTypes: ROLE_ACTION_TYPES.store_manager }],
  buyer: [
    { tier: "planner", actionTypes: SUPPLIER_ACTION_TYPES },
    { tier: "manager", actionTypes: SUPPLIER_ACTION_TYPES },
  ],
  finance: [
    { tier: "manager", actionTypes: NON_SUPPLIER_ACTION_TYPES },
    { tier: "finance", actionTypes: ACTION_TYPES },
  ],
  executive: [],
  admin: [],
};

export interface DecisionTarget {
  actionType: TActionType;
  tier: TApprovalTier;
  place: ExceptionPlace;
  /** People who proposed or modified the action; none of them may give its final approval. */
  changedByIds: readonly string[];
}

export interface Decider {
  id: string;
  role: string;
  scopes: readonly Scope[];
}

const TIER_LABEL: Record<TApprovalTier, string> = { auto: "automatic", planner: "planner", manager: "manager", finance: "finance" };

function approvalRefusal(actor: Decider, role: Role, target: DecisionTarget): string | null {
  if (!can(role, "decisions.approve")) return `Your role (${ROLE_DEFINITIONS[role].label}) does not approve actions.`;
  if (target.tier === "finance" && !can(role, "decisions.approve_finance")) {
    return "This action needs finance approval, which only the finance role gives.";
  }
  if (!canApproveTier(role, target.tier)) {
    const own = ROLE_DEFINITIONS[role].approvalTier;
    return `This action needs ${TIER_LABEL[target.tier]} approval; your role approves up to the ${own ? TIER_LABEL[own] : "—"} tier.`;
  }
  if (target.changedByIds.includes(actor.id)) {
    return "You proposed or modified this action, so someone else must give its final approval (segregation of duties).";
  }
  return null;
}

/**
 * Why the actor may not take this decision, or null when they may. Pure, so the inbox can show
 * the same answer the decision endpoint enforces.
 */
export function decisionRefusal(actor: Decider, kind: HumanDecisionKind, target: DecisionTarget): string | null {
  if (!isRole(actor.role)) return "Your account has no valid role.";
  const role = actor.role;
  if (!ROLE_ACTION_TYPES[role].includes(target.actionType)) {
    return `Your role (${ROLE_DEFINITIONS[role].label}) does not decide ${inSentence(ACTION_TYPE_LABEL[target.actionType])} actions.`;
  }
  if (!isExceptionInScope(actor, target.place)) return "This item is outside your regions, stores or categories.";
  switch (kind) {
    case "approve":
      return approvalRefusal(actor, role, target);
    case "modify":
      if (target.actionType === "review_model") return "A model review has no quantity to change: approve or reject it.";
      return can(role, "decisions.propose") ? null : "Your role cannot modify actions.";
    case "reject":
      // Rejecting stops an action, so it is open to anyone who works the item or could approve it.
      if (can(role, "decisions.propose")) return null;
      return can(role, "decisions.approve") && canApproveTier(role, target.tier) ? null : "Your role cannot reject this action.";
  }
}
