import "server-only";
import { inSentence } from "../../contracts/format";
import type { TApprovalTier } from "../../contracts/governance";
import {
  ACTION_TYPE_LABEL,
  HUMAN_TIERS,
  NEVER_AUTO_ACTION_TYPES,
  type TActionType,
  type TApprovalPolicyRules,
  type THumanTier,
} from "../../contracts/governance";

export interface TierInput {
  actionType: TActionType;
  /** Money value of the action, the figure tiers are judged on. */
  value: number;
  /** Forecast confidence behind the recommendation, 0..1. */
  confidence: number;
  /** Days since the newest sales data the plan used; null when unknown (treated as stale). */
  dataAgeDays: number | null;
  /** A person proposed or changed the quantity: the system then never approves it on its own. */
  changedByPerson?: boolean;
}

export interface TierRouting {
  tier: TApprovalTier;
  /** Plain-language reasons, shown on the item, e.g. "auto-approval disabled: sales data is 4 days old (limit 2)". */
  reasons: string[];
}

const money = (n: number) => `$${n.toLocaleString("en-US", { maximumFractionDigits: 0 })}`;
const days = (n: number) => `${n} day${n === 1 ? "" : "s"}`;

function valueTier(value: number, rules: TApprovalPolicyRules): { tier: THumanTier; reason: string } {
  const { planner, manager } = rules.tierLimits;
  if (value <= planner) return { tier: "planner", reason: `value ${money(value)} is within the planner limit of ${money(planner)}` };
  if (value <= manager) return { tier: "manager", reason: `value ${money(value)} is above the planner limit of ${money(planner)}` };
  return { tier: "finance", reason: `value ${money(value)} is above the manager limit of ${money(manager)}` };
}

/** Reasons the data behind the recommendation is too weak to let the system decide. */
function dataGuardFailures(input: TierInput, rules: TApprovalPolicyRules): string[] {
  const { minConfidence, maxDataAgeDays } = rules.autoApproval;
  const failures: string[] = [];
  if (input.dataAgeDays === null) failures.push("auto-approval disabled: the age of the sales data is unknown");
  else if (input.dataAgeDays > maxDataAgeDays) {
    failures.push(`auto-approval disabled: sales data is ${days(input.dataAgeDays)} old (limit ${maxDataAgeDays})`);
  }
  if (!(input.confidence >= minConfidence)) {
    failures.push(`auto-approval disabled: forecast confidence ${input.confidence.toFixed(2)} is below ${minConfidence.toFixed(2)}`);
  }
  return failures;
}

/**
 * The approval tier an action needs under a policy, and why. Pure: the same inputs and rules
 * always give the same tier, so a decision can be re-judged from its audit record.
 */
export function routeToTier(input: TierInput, rules: TApprovalPolicyRules): TierRouting {
  const byValue = valueTier(input.value, rules);
  let tier: THumanTier = byValue.tier;
  const reasons = [byValue.reason];

  const minimum = rules.minimumTier[input.actionType];
  if (minimum && HUMAN_TIERS.indexOf(minimum) > HUMAN_TIERS.indexOf(tier)) {
    tier = minimum;
    reasons.push(`${inSentence(ACTION_TYPE_LABEL[input.actionType])} actions need at least the ${minimum} tier`);
  }

  const dataFailures = dataGuardFailures(input, rules);
  if (tier !== "planner") return { tier, reasons: [...reasons, ...dataFailures] };

  const auto = rules.autoApproval;
  const autoFailures: string[] = [];
  if (input.changedByPerson) autoFailures.push("auto-approval disabled: a person changed this action");
  if ((NEVER_AUTO_ACTION_TYPES as readonly string[]).includes(input.actionType)) {
    autoFailures.push(`auto-approval disabled: ${inSentence(ACTION_TYPE_LABEL[input.actionType])} actions always need a person`);
  } else if (!auto.actionTypes.includes(input.actionType)) {
    autoFailures.push(`auto-approval disabled: ${inSentence(ACTION_TYPE_LABEL[input.actionType])} is not on the auto-approval list`);
  }
  if (input.value > auto.maxValue) {
    autoFailures.push(`auto-approval disabled: value ${money(input.value)} is above the auto-approval limit of ${money(auto.maxValue)}`);
  }
  autoFailures.push(...dataFailures);

  if (autoFailures.length > 0) return { tier, reasons: [...reasons, ...autoFailures] };
  return {
    tier: "auto",
    reasons: [
      `auto-approved: ${inSentence(ACTION_TYPE_LABEL[input.actionType])} worth ${money(input.value)} (limit ${money(auto.maxValue)}), ` +
        `confidence ${input.confidence.toFixed(2)} (minimum ${auto.minConfidence.toFixed(2)}), ` +
        `sales data ${days(input.dataAgeDays ?? 0)} old (limit ${auto.maxDataAgeDays})`,
    ],
  };
}
