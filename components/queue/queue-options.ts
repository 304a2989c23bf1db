import { APPROVAL_TIERS, type TApprovalTier } from "@/lib/contracts/governance";
import { can, canApproveTier } from "@/lib/contracts/permissions";

/** What the signed-in user is, and may do, as the workbench needs it. */
export interface WorkbenchViewer {
  id: string;
  name: string;
  canTriage: boolean;
  canApprove: boolean;
  canReadPlanRuns: boolean;
  canStartPlanRun: boolean;
  /** Approval tiers the viewer may act on: the only ones the queue's tier filter offers. */
  approvableTiers: TApprovalTier[];
}

export function workbenchViewerFor(user: { id: string; name: string; role: string }): WorkbenchViewer {
  return {
    id: user.id,
    name: user.name,
    canTriage: can(user.role, "exceptions.triage"),
    canApprove: can(user.role, "decisions.approve"),
    canReadPlanRuns: can(user.role, "plan_runs.read"),
    canStartPlanRun: can(user.role, "plan_runs.create"),
    approvableTiers: APPROVAL_TIERS.filter((tier) => canApproveTier(user.role, tier)),
  };
}
