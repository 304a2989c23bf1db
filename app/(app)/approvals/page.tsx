import type { Metadata } from "next";
import { ComingNext } from "@/components/coming-next";
import { PageHeader } from "@/components/page-header";
import { requirePagePermission } from "@/lib/server/auth/require-page-user";
import { ROLE_DEFINITIONS } from "@/lib/server/permissions/permissions";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const user = await requirePagePermission("decisions.approve", "/approvals");
  const tier = ROLE_DEFINITIONS[user.role].approvalTier;
  return (
    <>
      <PageHeader
        title="Approvals"
        description={`Proposed actions waiting for a decision at your tier (${tier ?? "none"}) or below.`}
      />
      <ComingNext
        summary="Approvals list the actions that planners, buyers and store managers proposed and that need a higher tier. The decision workflow is being built now."
        items={[
          "Pending actions with value, risk, the tier they need and who proposed them",
          "Segregation of duties: you cannot give the final approval to an action you proposed or modified",
          "Approve or reject with a reason code; every decision is written to the audit log with before → after",
          "Finance tier: margin and working-capital impact shown with each action",
        ]}
      />
    </>
  );
}
