import { db } from "@/lib/server/db";
import { ZUpdatePolicyRequest } from "@/lib/server/governance/approval-policy.types";
import { getActivePolicy } from "@/lib/server/governance/get-active-policy";
import { listPolicyVersions } from "@/lib/server/governance/list-policy-versions";
import { updatePolicy } from "@/lib/server/governance/update-policy";
import { withPermission } from "@/lib/server/http/with-permission";

/** The policy in force and the list of earlier versions (their rules are in the audit log). */
export const GET = withPermission("policy.read", async () => {
  const policy = await getActivePolicy(db);
  return Response.json({ policy, versions: await listPolicyVersions(db) });
});

/** Saves a new policy version; 409 when `basedOnVersion` is no longer the one in force. */
export const PUT = withPermission("policy.manage", { body: ZUpdatePolicyRequest }, async ({ user, body, origin }) =>
  Response.json({ policy: await updatePolicy(db, { ...user, origin }, body) }),
);
