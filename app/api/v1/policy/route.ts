import { db } from "@/lib/server/db";
import { ZUpdatePolicyRequest } from "@/lib/contracts/governance";
import { getActivePolicy } from "@/lib/server/governance/get-active-policy";
import { listPolicyVersions } from "@/lib/server/governance/list-policy-versions";
import { listPendingPolicyProposals, updatePolicy } from "@/lib/server/governance/update-policy";
import { withPermission } from "@/lib/server/http/with-permission";
import { userActor } from "@/lib/server/actor";

/** The policy in force, the earlier versions (their rules are in the audit log), and loosening proposals awaiting a second admin. */
export const GET = withPermission("policy.read", async () => {
  const policy = await getActivePolicy(db);
  return Response.json({ policy, versions: await listPolicyVersions(db), proposals: await listPendingPolicyProposals(db) });
});

/**
 * Changes the policy: 200 `{ policy }` when it only tightens (in force at once); 202 `{ proposal }`
 * when it loosens anything, which then waits for a second admin. 409 when `basedOnVersion` is no
 * longer the one in force; 422 beyond the hard bounds.
 */
export const PUT = withPermission("policy.manage", { body: ZUpdatePolicyRequest }, async ({ user, body, origin }) => {
  const result = await updatePolicy(db, userActor(user, origin), body);
  return result.status === "applied" ? Response.json({ policy: result.policy }) : Response.json({ proposal: result.proposal }, { status: 202 });
});
