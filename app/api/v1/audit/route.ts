import { db } from "@/lib/server/db";
import { csvResponse } from "@/lib/server/governance/csv-response";
import { encodeCsv } from "@/lib/server/governance/encode-csv";
import { listAuditEvents } from "@/lib/server/governance/list-audit-events";
import { AUDIT_CSV_COLUMNS, MAX_AUDIT_CSV_ROWS, ZAuditQuery } from "@/lib/contracts/audit";
import { withPermission } from "@/lib/server/http/with-permission";

/** Audit records, filtered, newest first; `format=csv` downloads up to MAX_AUDIT_CSV_ROWS of them. */
export const GET = withPermission("audit.read", { query: ZAuditQuery }, async ({ query }) => {
  if (query.format === "json") return Response.json(await listAuditEvents(db, query));
  const { events } = await listAuditEvents(db, query, MAX_AUDIT_CSV_ROWS);
  return csvResponse(`stockpilot-audit-${new Date().toISOString().slice(0, 10)}.csv`, encodeCsv(AUDIT_CSV_COLUMNS, events));
});
