import type { Metadata } from "next";
import { ComingNext } from "@/components/coming-next";
import { PageHeader } from "@/components/page-header";
import { requirePagePermission } from "@/lib/server/auth/require-page-user";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage() {
  await requirePagePermission("audit.read", "/audit");
  return (
    <>
      <PageHeader title="Audit log" description="Append-only, hash-chained record of every state change." />
      <ComingNext
        summary="The audit store is in place and already records sign-ins, imports and user changes. The page to browse and verify it is being built now."
        items={[
          "Every event: who, role, when, what, before → after, reason, plan run and policy version",
          "Filters by actor, action, entity and period",
          "Chain verification: proves no record was edited or removed, or names the first one that was",
        ]}
      />
    </>
  );
}
