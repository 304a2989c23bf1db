import { db } from "@/lib/server/db";
import { APPROVED_ACTION_COLUMNS, ZApprovedActionsQuery } from "@/lib/server/governance/action-export.types";
import { csvResponse } from "@/lib/server/governance/csv-response";
import { encodeCsv } from "@/lib/server/governance/encode-csv";
import { exportApprovedActions } from "@/lib/server/governance/export-approved-actions";
import { assertSameOrigin, withPermission } from "@/lib/server/http/with-permission";
import { userActor } from "@/lib/server/actor";

/**
 * Approved actions for the ERP. Pass `exportId` (your own idempotency key, or the id of an earlier
 * export) to get exactly the same rows again on a retry. This GET changes state (it marks actions
 * exported), so it gets the same cross-site refusal as a mutation. Every answer carries the signed
 * audit checkpoint (JSON: `auditCheckpoint`; CSV: base64url JSON in `X-Audit-Checkpoint`).
 */
export const GET = withPermission("actions.export", { query: ZApprovedActionsQuery }, async ({ request, user, query, origin }) => {
  assertSameOrigin(request);
  const result = await exportApprovedActions(db, userActor(user, origin), query);
  // The CSV has no room for it in the body, so the signed audit checkpoint travels in a header.
  const checkpoint = Buffer.from(JSON.stringify(result.auditCheckpoint)).toString("base64url");
  const headers = { "x-export-id": result.exportId ?? "", "x-audit-checkpoint": checkpoint, "cache-control": "no-store" };
  if (query.format === "json") return Response.json(result, { headers });
  return csvResponse(`approved-actions-${result.exportId ?? "empty"}.csv`, encodeCsv(APPROVED_ACTION_COLUMNS, result.rows), headers);
}, { tokenScope: "exports:read" });
