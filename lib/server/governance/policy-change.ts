import "server-only";
import type { TApprovalPolicyRules, THumanTier } from "../../contracts/governance";

const TIER_RANK: Record<THumanTier, number> = { planner: 0, manager: 1, finance: 2 };

/**
 * Every way `next` gives more away than `current`: higher auto-approval or tier limits, lower
 * auto-approval confidence, older data allowed, more action types approved automatically, a lower
 * minimum tier, longer approval SLAs, a higher value bar (fewer items put to a person). Empty: the change only tightens (or changes nothing).
 */
export function policyLoosenings(current: TApprovalPolicyRules, next: TApprovalPolicyRules): string[] {
  const out: string[] = [];
  const more = (label: string, before: number, after: number) => {
    if (after > before) out.push(`${label} raised from ${before} to ${after}`);
  };
  more("auto-approval limit", current.autoApproval.maxValue, next.autoApproval.maxValue);
  if (next.autoApproval.minConfidence < current.autoApproval.minConfidence) {
    out.push(`auto-approval confidence lowered from ${current.autoApproval.minConfidence} to ${next.autoApproval.minConfidence}`);
  }
  more("auto-approval data age (days)", current.autoApproval.maxDataAgeDays, next.autoApproval.maxDataAgeDays);
  for (const type of next.autoApproval.actionTypes) {
    if (!current.autoApproval.actionTypes.includes(type)) out.push(`${type} actions may now be auto-approved`);
  }
  more("planner limit", current.tierLimits.planner, next.tierLimits.planner);
  more("manager limit", current.tierLimits.manager, next.tierLimits.manager);
  for (const [type, tier] of Object.entries(current.minimumTier) as [keyof TApprovalPolicyRules["minimumTier"], THumanTier][]) {
    const after = next.minimumTier[type];
    if (!after || TIER_RANK[after] < TIER_RANK[tier]) out.push(`${type} minimum tier lowered from ${tier} to ${after ?? "none"}`);
  }
  for (const tier of ["planner", "manager", "finance"] as const) more(`${tier} SLA (hours)`, current.slaHours[tier], next.slaHours[tier]);
  more("value bar (least net benefit worth a decision)", current.minDecisionValue, next.minDecisionValue);
  return out;
}
