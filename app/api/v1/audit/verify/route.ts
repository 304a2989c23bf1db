import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";
import { db } from "@/lib/server/db";
import { withPermission } from "@/lib/server/http/with-permission";

/** Recomputes the hash chain; `status: "broken"` names the first record that fails. */
export const GET = withPermission("audit.read", async () =>
  Response.json(await verifyAuditChain(db), { headers: { "cache-control": "no-store" } }),
);
