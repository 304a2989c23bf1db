/**
 * Governance vocabulary: approval tiers, action types, the approval policy, recommendation states
 * and the decision transition table, decision requests, reason codes, the approvals inbox, labels.
 */
import { z } from "zod";
import type { AppErrorCode } from "./errors";

/** Approval tiers, lowest first. A role approves actions whose tier is at most its own. */
export const APPROVAL_TIERS = ["auto", "planner", "manager", "finance"] as const;
export type TApprovalTier = (typeof APPROVAL_TIERS)[number];

/** Every kind of action the engine recommends (Recommendation.actionType). */
export const ACTION_TYPES = [
  "transfer",
  "expedite_po",
  "raise_order",
  "cut_po",
  "markdown",
  "adjust_forecast",
  "cycle_count",
  "review_model",
  "confirm_po",
] as const;
export const ZActionType = z.enum(ACTION_TYPES);
export type TActionType = z.infer<typeof ZActionType>;

/** Commitments towards a supplier: a buyer's business, and never approved automatically. */
export const SUPPLIER_ACTION_TYPES = ["raise_order", "expedite_po", "cut_po", "confirm_po"] as const satisfies readonly TActionType[];

/**
 * Product rule, not a policy setting: markdowns and supplier commitments always need a person.
 * The policy schema refuses to whitelist them for auto-approval.
 */
export const NEVER_AUTO_ACTION_TYPES = ["markdown", ...SUPPLIER_ACTION_TYPES] as const satisfies readonly TActionType[];

export const ZApprovalTier = z.enum(APPROVAL_TIERS);
/** Tiers a person approves at; "auto" is decided by the system. */
export const HUMAN_TIERS = ["planner", "manager", "finance"] as const;
export const ZHumanTier = z.enum(HUMAN_TIERS);
export type THumanTier = z.infer<typeof ZHumanTier>;

const ZMoney = z.number().finite().nonnegative();

/** A day's work for one planner: the issue's "workable daily volume". */
export const DEFAULT_DAILY_ITEMS_PER_PLANNER = 30;

/**
 * The least an item's best action must net (benefit − cost) to be worth a person's decision. Chosen on
 * the simulator (medium, seed 1, 30 days): the standing queue of items needing a person fell from 65
 * to 29 a planner-day (it was above the daily cap of 30 every day of the first week, mostly markdowns,
 * PO cuts and model reviews netting $25–75); a bar of $50 left it at 31.
 */
export const DEFAULT_MIN_DECISION_VALUE = 75;

export const ZApprovalPolicyRules = z
  .object({
    autoApproval: z.object({
      /** Action types the system may approve on its own when every guard below passes. */
      actionTypes: z.array(ZActionType),
      /** Highest action value approved automatically. */
      maxValue: ZMoney,
      /** Lowest forecast confidence (0..1) for auto-approval. */
      minConfidence: z.number().min(0).max(1),
      /** Sales data older than this many days routes everything to a person. */
      maxDataAgeDays: z.number().int().nonnegative(),
    }),
    /** Highest value each human tier approves; anything above the manager limit needs finance. */
    tierLimits: z.object({ planner: ZMoney, manager: ZMoney }),
    /** Lowest tier an action type needs whatever its value, e.g. supplier actions go to a buyer. */
    minimumTier: z.partialRecord(ZActionType, ZHumanTier),
    /** Hours an item may wait at each tier before the inbox shows it as overdue. */
    slaHours: z.object({
      planner: z.number().positive(),
      manager: z.number().positive(),
      finance: z.number().positive(),
    }),
    /** Approving an action worth more than this asks the approver to confirm it first. */
    confirmAboveValue: ZMoney.default(10_000),
    /**
     * Items one person's queue offers a day, highest score first; the rest wait for the next day
     * (still counted everywhere). Versions written before the cap existed read as the default.
     */
    dailyItemsPerPlanner: z.number().int().min(1).default(DEFAULT_DAILY_ITEMS_PER_PLANNER),
    /**
     * An item whose best action nets less than this needs no person: it is shown "below the value bar"
     * and not offered (auto-approvable actions are still approved by the system). Versions written
     * before the bar existed read as the default.
     */
    minDecisionValue: ZMoney.default(DEFAULT_MIN_DECISION_VALUE),
  })
  .superRefine((rules, ctx) => {
    for (const type of rules.autoApproval.actionTypes) {
      if ((NEVER_AUTO_ACTION_TYPES as readonly string[]).includes(type)) {
        ctx.addIssue({
          code: "custom",
          path: ["autoApproval", "actionTypes"],
          message: `${type} actions always need a person and cannot be auto-approved`,
        });
      }
    }
    if (rules.tierLimits.planner > rules.tierLimits.manager) {
      ctx.addIssue({
        code: "custom",
        path: ["tierLimits", "planner"],
        message: "the planner limit cannot exceed the manager limit",
      });
    }
    if (rules.autoApproval.maxValue > rules.tierLimits.planner) {
      ctx.addIssue({
        code: "custom",
        path: ["autoApproval", "maxValue"],
        message: "the auto-approval limit cannot exceed the planner limit",
      });
    }
  });
export type TApprovalPolicyRules = z.infer<typeof ZApprovalPolicyRules>;

export interface TApprovalPolicy {
  version: number;
  rules: TApprovalPolicyRules;
  createdById: string | null;
  createdAt: Date;
  note: string | null;
}

/**
 * Limits no policy edit may pass, however many admins agree: beyond them the policy stops being a
 * control (one admin once set the planner limit and auto-approval to 1e12 at confidence 0).
 * Documented in lib/server/governance/README.md; existing versions outside them stay readable.
 */
export const POLICY_HARD_BOUNDS = {
  autoApprovalMaxValue: 10_000,
  autoApprovalMinConfidence: 0.5,
  autoApprovalMaxDataAgeDays: 7,
  plannerLimit: 100_000,
  managerLimit: 1_000_000,
  slaHours: 30 * 24,
  dailyItemsPerPlanner: 500,
  minDecisionValue: 1_000,
} as const;

const ZRulesWithinBounds = ZApprovalPolicyRules.superRefine((rules, ctx) => {
  const b = POLICY_HARD_BOUNDS;
  const over = (path: (string | number)[], value: number, max: number, what: string) => {
    if (value > max) ctx.addIssue({ code: "custom", path, message: `${what} is at most ${max.toLocaleString("en")} (hard bound)` });
  };
  over(["autoApproval", "maxValue"], rules.autoApproval.maxValue, b.autoApprovalMaxValue, "the auto-approval limit");
  if (rules.autoApproval.minConfidence < b.autoApprovalMinConfidence) {
    ctx.addIssue({ code: "custom", path: ["autoApproval", "minConfidence"], message: `auto-approval needs a confidence of at least ${b.autoApprovalMinConfidence} (hard bound)` });
  }
  over(["autoApproval", "maxDataAgeDays"], rules.autoApproval.maxDataAgeDays, b.autoApprovalMaxDataAgeDays, "the data age for auto-approval");
  over(["tierLimits", "planner"], rules.tierLimits.planner, b.plannerLimit, "the planner limit");
  over(["tierLimits", "manager"], rules.tierLimits.manager, b.managerLimit, "the manager limit");
  for (const tier of HUMAN_TIERS) over(["slaHours", tier], rules.slaHours[tier], b.slaHours, `the ${tier} SLA`);
  over(["dailyItemsPerPlanner"], rules.dailyItemsPerPlanner, b.dailyItemsPerPlanner, "the daily items per planner");
  over(["minDecisionValue"], rules.minDecisionValue, b.minDecisionValue, "the value bar");
});

/**
 * Actions that protect sales are put to a person whatever they net: a sale lost is lost for good,
 * while an excess, forecast or model question that grows is asked once it passes the bar.
 */
export const VALUE_BAR_EXEMPT_ACTION_TYPES = ["raise_order", "expedite_po"] as const satisfies readonly TActionType[];

/**
 * True when an action that needs a person nets too little to ask one (the policy's value bar): the
 * item is shown below the bar instead of being offered. Plan runs and the simulator both ask this.
 */
export function belowValueBar(netBenefit: number, actionType: TActionType, rules: Pick<TApprovalPolicyRules, "minDecisionValue">): boolean {
  if ((VALUE_BAR_EXEMPT_ACTION_TYPES as readonly TActionType[]).includes(actionType)) return false;
  return netBenefit < rules.minDecisionValue;
}

export const ZUpdatePolicyRequest = z.object({
  /** The version the editor started from; a newer one in the meantime is a conflict. */
  basedOnVersion: z.number().int().positive(),
  rules: ZRulesWithinBounds,
  note: z.string().trim().min(1, "say why the policy changes").max(500),
});
export type TUpdatePolicyRequest = z.infer<typeof ZUpdatePolicyRequest>;

/** One version of the approval policy as the policy page lists it. */
export interface TPolicyVersionSummary {
  version: number;
  createdAt: string;
  createdBy: string | null;
  note: string | null;
}

// ---------------------------------------------------------------------------------------------
// Recommendation states and the decision workflow
// ---------------------------------------------------------------------------------------------

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

/** Statuses that say "a decision-maker (or the policy) approved this": the action is on its way. */
export const APPROVED_STATUSES = ["approved", "auto_approved", "exported"] as const satisfies readonly RecommendationStatus[];

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

/** The decisions a person makes on a pending action; the rest are the system's. */
export const HUMAN_DECISION_KINDS = ["approve", "modify", "reject"] as const satisfies readonly DecisionKind[];
export type HumanDecisionKind = (typeof HUMAN_DECISION_KINDS)[number];

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

export const PAST_TENSE: Record<DecisionKind, string> = {
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

// ---------------------------------------------------------------------------------------------
// Decision requests: POST /api/v1/recommendations/{id}/decisions, batch approval
// ---------------------------------------------------------------------------------------------

/** Why a person rejected or changed a recommendation; kept closed so reasons can be counted. */
export const REASON_CODES = [
  "quantity_adjusted",
  "better_alternative",
  "data_error",
  "business_context",
  "supplier_constraint",
  "capacity_constraint",
  "cost_too_high",
  "timing",
  "other",
] as const;
export const ZReasonCode = z.enum(REASON_CODES);
export type TReasonCode = z.infer<typeof ZReasonCode>;

const ZExpectedVersion = z.number().int().positive();
const ZComment = z.string().trim().max(1_000).optional();

/** "other" says nothing on its own, so it needs a comment. */
function requireCommentForOther(value: { reasonCode: TReasonCode; comment?: string }, ctx: z.RefinementCtx) {
  if (value.reasonCode === "other" && !value.comment) {
    ctx.addIssue({ code: "custom", path: ["comment"], message: "explain the reason when choosing “other”" });
  }
}

const ZApproveFields = z.object({ expectedVersion: ZExpectedVersion, comment: ZComment });
const ZModifyFields = z.object({
  expectedVersion: ZExpectedVersion,
  quantity: z.number().finite().positive(),
  reasonCode: ZReasonCode,
  comment: ZComment,
});
const ZRejectFields = z.object({ expectedVersion: ZExpectedVersion, reasonCode: ZReasonCode, comment: ZComment });

export const ZApproveRequest = ZApproveFields;
export type TApproveRequest = z.infer<typeof ZApproveRequest>;

export const ZModifyRequest = ZModifyFields.superRefine(requireCommentForOther);
export type TModifyRequest = z.infer<typeof ZModifyRequest>;

export const ZRejectRequest = ZRejectFields.superRefine(requireCommentForOther);
export type TRejectRequest = z.infer<typeof ZRejectRequest>;

/** Body of POST /api/v1/recommendations/[id]/decisions. */
export const ZDecisionRequest = z.discriminatedUnion("decision", [
  ZApproveFields.extend({ decision: z.literal("approve") }),
  ZModifyFields.extend({ decision: z.literal("modify") }).superRefine(requireCommentForOther),
  ZRejectFields.extend({ decision: z.literal("reject") }).superRefine(requireCommentForOther),
]);
export type TDecisionRequest = z.infer<typeof ZDecisionRequest>;

export const MAX_BATCH_APPROVALS = 200;

export const ZBatchApproveRequest = z.object({
  items: z
    .array(z.object({ recommendationId: z.string().min(1), expectedVersion: ZExpectedVersion }))
    .min(1)
    .max(MAX_BATCH_APPROVALS),
  /** The person saw the confirmation (count and total value) and confirmed it. */
  confirm: z.literal(true, { error: "confirm the batch approval explicitly" }),
  comment: ZComment,
});
export type TBatchApproveRequest = z.infer<typeof ZBatchApproveRequest>;

export const ZRecommendationParams = z.object({ id: z.string().min(1).max(64) });

export type BatchApprovalResult =
  | { recommendationId: string; outcome: "approved"; version: number }
  | { recommendationId: string; outcome: "refused"; code: AppErrorCode; message: string };

export interface BatchApprovalSummary {
  approved: number;
  refused: number;
  results: BatchApprovalResult[];
  /** Replans of the series whose forecast the approved items changed, one per product (poll GET /api/v1/plan-runs/{id}); empty when none did. */
  replanRunIds: string[];
  /** How many series those runs replan for the approved forecast changes. */
  replannedSeries: number;
}

// ---------------------------------------------------------------------------------------------
// Approvals inbox: GET /api/v1/approvals
// ---------------------------------------------------------------------------------------------

export const ZListPendingApprovalsQuery = z.object({
  tier: ZHumanTier.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(200),
});
export type TListPendingApprovalsQuery = z.infer<typeof ZListPendingApprovalsQuery>;

export type SlaStatus = "within" | "due_soon" | "overdue";

/** Another action recommended for the same exception: approving one usually makes the others moot. */
export interface TAlternativeAction {
  recommendationId: string;
  rank: number;
  actionType: TActionType;
  quantity: number;
  value: number;
  status: string;
  tier: string;
  poNumber: string | null;
}

export interface TPendingApproval {
  recommendationId: string;
  /** Send back as expectedVersion when deciding. */
  version: number;
  actionType: TActionType;
  quantity: number;
  /** Money the approval tier is judged on (the action's value at cost). */
  value: number;
  /** What the action costs to carry out (freight, expediting fee, purchase at cost). */
  cost: number;
  /** Margin the action is expected to protect or gain. */
  benefit: number;
  /** 1 = the engine's first choice for its exception. */
  rank: number;
  /** Alternatives plus this one: how many options the engine weighed for the exception. */
  optionCount: number;
  alternatives: TAlternativeAction[];
  /** The purchase order an expedite or cut acts on. */
  poNumber: string | null;
  marginImpact: number;
  workingCapitalImpact: number;
  tier: THumanTier;
  policyVersion: number | null;
  routingReasons: string[];
  pendingSince: string;
  ageHours: number;
  slaHours: number;
  slaStatus: SlaStatus;
  exceptionId: string;
  exceptionType: string;
  /** Root-cause summary of the exception the action answers. */
  rootCause: string;
  region: string;
  category: string;
  locationCode: string;
  locationName: string;
  sku: string;
  productName: string;
  modifiedBy: { id: string; name: string } | null;
  /** False when the actor may see the item but not approve it (they modified it). */
  canApprove: boolean;
  blockedReason: string | null;
  /** In the viewer's own inbox (their designated tier and action types); otherwise waiting with someone else. */
  designated: boolean;
  /** Roles whose inbox holds the item, e.g. ["Buyer"]. */
  waitingFor: string[];
  /** The engine's first choice nets less than the policy's value bar: nobody is asked; listed after the rest. */
  belowValueBar: boolean;
}

/** One action per exception: alternatives of one exception are either-or, so they are not added up. */
export interface TApprovalTotals {
  items: number;
  exceptions: number;
  value: number;
  overdue: number;
}

/**
 * Totals that a finance approver can add up: alternatives of one exception are either-or, so each
 * exception counts once, with its best-ranked action in the list. The inbox's server totals and the
 * page's tier-filtered and selected subsets use this one rule.
 */
export function approvalTotals(items: readonly Pick<TPendingApproval, "exceptionId" | "rank" | "value" | "slaStatus">[]): TApprovalTotals {
  const best = new Map<string, (typeof items)[number]>();
  for (const item of items) {
    const current = best.get(item.exceptionId);
    if (!current || item.rank < current.rank) best.set(item.exceptionId, item);
  }
  return {
    items: items.length,
    exceptions: best.size,
    value: [...best.values()].reduce((sum, i) => sum + i.value, 0),
    overdue: items.filter((i) => i.slaStatus === "overdue").length,
  };
}

export interface TPendingApprovals {
  items: TPendingApproval[];
  /** More items wait than `limit` returned. */
  truncated: boolean;
  totals: TApprovalTotals;
  /** Pending items the viewer may see that wait in other approvers' inboxes, largest value first. */
  elsewhere: TPendingApproval[];
  elsewhereTotals: TApprovalTotals;
  /** Tiers of the viewer's own inbox, lowest first (the tier filter offers only these). */
  tiers: THumanTier[];
  /** Approving an action worth more than this asks for a confirmation (approval policy). */
  confirmAboveValue: number;
}

// ---------------------------------------------------------------------------------------------
// Labels, shared by every page and every export
// ---------------------------------------------------------------------------------------------

export const TIER_LABEL: Record<TApprovalTier, string> = {
  auto: "Auto",
  planner: "Planner",
  manager: "Manager",
  finance: "Finance",
};

export const ACTION_TYPE_LABEL: Record<TActionType, string> = {
  transfer: "Transfer",
  expedite_po: "Expedite PO",
  raise_order: "Raise order",
  cut_po: "Cut PO",
  markdown: "Markdown",
  adjust_forecast: "Adjust forecast",
  cycle_count: "Cycle count",
  review_model: "Review model",
  confirm_po: "Confirm or cancel PO",
};


export const RECOMMENDATION_STATUS_LABEL: Record<RecommendationStatus, string> = {
  proposed: "Proposed",
  pending: "Awaiting approval",
  auto_approved: "Auto-approved",
  approved: "Approved",
  rejected: "Rejected",
  exported: "Exported",
  superseded: "Superseded",
  expired: "Expired",
};

export const REASON_CODE_LABEL: Record<TReasonCode, string> = {
  quantity_adjusted: "Quantity adjusted",
  better_alternative: "A better alternative exists",
  data_error: "Data error",
  business_context: "Business context the model lacks",
  supplier_constraint: "Supplier constraint",
  capacity_constraint: "Capacity constraint",
  cost_too_high: "Cost too high",
  timing: "Timing",
  other: "Other (explain)",
};

/**
 * What an action's value (the money its approval tier is judged on) is, per action type: for
 * orders it is the purchase cost of the goods, for a markdown the price given away.
 */
export const ACTION_VALUE_LABEL: Record<TActionType, string> = {
  transfer: "Goods moved, at cost",
  expedite_po: "Goods expedited, at cost",
  raise_order: "Purchase cost",
  cut_po: "Purchase cost cut",
  markdown: "Markdown given away",
  adjust_forecast: "Margin at stake",
  cycle_count: "Cost of the count",
  review_model: "Money at risk",
  confirm_po: "Open PO, at cost",
};

/**
 * The quantity a person starts editing from: whole units, or a forecast change per day to one
 * decimal, the precision either is read in.
 */
export function editableQuantity(actionType: string, quantity: number): number {
  return actionType === "adjust_forecast" ? Math.round(quantity * 10) / 10 : Math.round(quantity);
}

/**
 * An action's quantity in the one unit it is read in: a forecast change per day (signed), every
 * other action in units over its window.
 */
export function quantityUnitLabel(actionType: string, quantity: number): string {
  if (actionType === "adjust_forecast") return "units/day";
  return quantity === 1 ? "unit" : "units";
}

export const SLA_STATUS_LABEL: Record<SlaStatus, string> = {
  within: "On time",
  due_soon: "Due soon",
  overdue: "Overdue",
};
