import type { Metadata } from "next";
import { AuditLog } from "@/components/audit/audit-log";
import { PageHeader } from "@/components/ui/page-header";
import { auditKeys } from "@/lib/server/audit/audit-keys";
import { requirePagePermission } from "@/lib/server/auth/require-page-user";
import { db } from "@/lib/server/db";
import { listAuditEvents } from "@/lib/server/governance/list-audit-events";
import { listAuditFilterOptions } from "@/lib/server/governance/list-audit-filter-options";
import { ZAuditQuery } from "@/lib/contracts/audit";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage() {
  await requirePagePermission("audit.read", "/audit");
  const [firstPage, options] = await Promise.all([listAuditEvents(db, ZAuditQuery.parse({ rows: "people" })), listAuditFilterOptions(db)]);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Append-only record of every state change, chained with a key kept outside the database: who, role, when, what, before → after, reason, plan run and policy version. Open a record to see what changed."
      />
      <AuditSigningKey />
      <AuditLog initial={firstPage} options={options} />
    </>
  );
}

/** The key a verifier pins: checkpoints (GET /api/v1/audit/head, every ERP export) are signed with it. */
function AuditSigningKey() {
  const { publicKeyBase64, keyId } = auditKeys();
  return (
    <p className="mb-4 text-sm text-slate-700">
      Checkpoints are signed with Ed25519 key <span className="font-mono">{keyId}</span>; public key{" "}
      <code className="break-all rounded bg-slate-100 px-1 font-mono" aria-label="Audit public key">
        {publicKeyBase64}
      </code>
      . Keep the checkpoints each ERP export carries: <code>npm run audit:verify -- --checkpoint FILE</code> checks the log against them.
    </p>
  );
}
