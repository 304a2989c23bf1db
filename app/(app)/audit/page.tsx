import type { Metadata } from "next";
import { AuditLog } from "@/components/audit/audit-log";
import { PageHeader } from "@/components/page-header";
import { requirePagePermission } from "@/lib/server/auth/require-page-user";
import { db } from "@/lib/server/db";
import { listAuditEvents } from "@/lib/server/governance/list-audit-events";
import { listAuditFilterOptions } from "@/lib/server/governance/list-audit-filter-options";
import { ZAuditQuery } from "@/lib/server/governance/list-audit-events.types";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage() {
  await requirePagePermission("audit.read", "/audit");
  const [firstPage, options] = await Promise.all([listAuditEvents(db, ZAuditQuery.parse({})), listAuditFilterOptions(db)]);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Append-only, hash-chained record of every state change: who, role, when, what, before → after, reason, plan run and policy version. Open a record to see what changed."
      />
      <AuditLog initial={firstPage} options={options} />
    </>
  );
}
