import type { Metadata } from "next";
import Link from "next/link";
import { PolicyAdmin } from "@/components/admin/policy/policy-admin";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/server/auth/require-page-user";
import { db } from "@/lib/server/db";
import { getActivePolicy } from "@/lib/server/governance/get-active-policy";
import { listPolicyVersions } from "@/lib/server/governance/list-policy-versions";
import { listPendingPolicyProposals } from "@/lib/server/governance/update-policy";
import { can } from "@/lib/contracts/permissions";

export const metadata: Metadata = { title: "Approval policy" };

export default async function PolicyAdminPage() {
  const user = await requirePagePermission("policy.read", "/admin/policy");
  const canEdit = can(user.role, "policy.manage");
  const policy = await getActivePolicy(db);
  const versions = await listPolicyVersions(db);
  const proposals = (await listPendingPolicyProposals(db)).map((p) => ({ ...p, proposedAt: p.proposedAt.toISOString() }));
  return (
    <>
      <PageHeader
        title="Approval policy"
        description="Which actions the system approves on its own, and which tier approves the rest. Saving writes a new version; past decisions keep the version they were judged under, and every save is audited. A change that loosens anything waits for a second admin's approval."
        actions={
          can(user.role, "users.manage") ? (
            <Link className="btn-secondary" href="/admin/users">
              Users
            </Link>
          ) : undefined
        }
      />
      <PolicyAdmin initial={{ policy: { ...policy, createdAt: policy.createdAt.toISOString() }, versions, proposals }} canEdit={canEdit} />
    </>
  );
}
