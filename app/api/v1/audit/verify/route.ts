import { verifyAuditChain } from "@/lib/server/audit/verify-audit-chain";
import { db } from "@/lib/server/db";
import { listUnverifiedApprovals } from "@/lib/server/governance/verify-approvals";
import { withPermission } from "@/lib/server/http/with-permission";

/**
 * Recomputes the keyed chain against the latest signed checkpoint (`status: "broken"` names the
 * first record that fails and the kind of tampering), and lists approved-looking recommendations
 * whose decision and audit record do not back them.
 */
export const GET = withPermission("audit.read", async () => {
  const [chain, unverifiedApprovals] = await Promise.all([verifyAuditChain(db), listUnverifiedApprovals(db)]);
  return Response.json({ ...chain, unverifiedApprovals }, { headers: { "cache-control": "no-store" } });
});
