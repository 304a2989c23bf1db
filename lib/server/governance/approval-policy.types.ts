import { z } from "zod";
import { APPROVAL_TIERS } from "../permissions/permissions";

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

/** What people call each action type; every message and page uses these, never the stored code. */
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
});

export const ZUpdatePolicyRequest = z.object({
  /** The version the editor started from; a newer one in the meantime is a conflict. */
  basedOnVersion: z.number().int().positive(),
  rules: ZRulesWithinBounds,
  note: z.string().trim().min(1, "say why the policy changes").max(500),
});
export type TUpdatePolicyRequest = z.infer<typeof ZUpdatePolicyRequest>;
