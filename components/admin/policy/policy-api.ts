import type { TApprovalPolicyRules } from "@/lib/server/governance/approval-policy.types";
import type { TPolicyVersionSummary } from "@/lib/server/governance/list-policy-versions";

/** TApprovalPolicy as it crosses the wire (dates as ISO text). */
export interface PolicyView {
  version: number;
  rules: TApprovalPolicyRules;
  createdById: string | null;
  createdAt: string;
  note: string | null;
}

export interface PolicyResponse {
  policy: PolicyView;
  versions: TPolicyVersionSummary[];
}

/** A version with the rules stored for it (GET /api/v1/policy/versions); old rules are shown as stored. */
export type PolicyVersionWithRules = TPolicyVersionSummary & { rules: unknown };
