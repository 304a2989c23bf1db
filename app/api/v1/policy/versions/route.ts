import { db } from "@/lib/server/db";
import { listPolicyVersions } from "@/lib/server/governance/list-policy-versions";
import { withPermission } from "@/lib/server/http/with-permission";

/**
 * Every policy version with its rules, newest first, for the history diff. Stored rules are
 * returned as written, not re-parsed with today's schema: an old version must stay readable even
 * after the schema grows stricter.
 */
export const GET = withPermission("policy.read", async () => {
  const [versions, rows] = await Promise.all([
    listPolicyVersions(db),
    db.approvalPolicy.findMany({ select: { version: true, rules: true } }),
  ]);
  const rulesOf = new Map(rows.map((r) => [r.version, JSON.parse(r.rules) as unknown]));
  return Response.json({ versions: versions.map((v) => ({ ...v, rules: rulesOf.get(v.version) ?? null })) });
});
