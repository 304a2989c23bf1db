import type { TApprovalPolicyRules } from "@/lib/contracts/governance";
import type { TPolicyVersionSummary } from "@/lib/contracts/governance";

/** TApprovalPolicy as it crosses the wire (dates as ISO text). */
export interface PolicyView {
  version: number;
  rules: TApprovalPolicyRules;
  createdById: string | null;
  createdAt: string;
  note: string | null;
}

/** A loosening that waits for a second admin (TPolicyProposalView on the wire). */
export interface PolicyProposalView {
  id: string;
  basedOnVersion: number;
  note: string;
  loosenings: string[];
  proposedById: string;
  proposedAt: string;
  status: string;
}

export interface PolicyResponse {
  policy: PolicyView;
  versions: TPolicyVersionSummary[];
  proposals: PolicyProposalView[];
}

/** A version with the rules stored for it (GET /api/v1/policy/versions); old rules are shown as stored. */
export type PolicyVersionWithRules = TPolicyVersionSummary & { rules: unknown };
