import type { Metadata } from "next";
import { ApprovalsInbox } from "@/components/approvals/approvals-inbox";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/server/auth/require-page-user";
import { db } from "@/lib/server/db";
import { listPendingApprovals } from "@/lib/server/governance/list-pending-approvals";

export const metadata: Metadata = { title: "Approvals" };

export default async function ApprovalsPage() {
  const user = await requirePagePermission("decisions.approve", "/approvals");
  const inbox = await listPendingApprovals(db, user, { limit: 200 });
  return (
    <>
      <PageHeader
        title="Approvals"
        description="Actions waiting at your approval tier, most overdue first, with their value, margin and working-capital impact. You cannot give the final approval to an action you proposed or modified."
      />
      <ApprovalsInbox initial={inbox} />
    </>
  );
}
