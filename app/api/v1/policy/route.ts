import { db } from "@/lib/server/db";
import { ZUpdatePolicyRequest } from "@/lib/server/governance/approval-policy.types";
import { getActivePolicy } from "@/lib/server/governance/get-active-policy";
import { updatePolicy } from "@/lib/server/governance/update-policy";
import { withPermission } from "@/lib/server/http/with-permission";

export const GET = withPermission("policy.read", async () => Response.json({ policy: await getActivePolicy(db) }));

/** Saves a new policy version; 409 when `basedOnVersion` is no longer the one in force. */
export const PUT = withPermission("policy.manage", { body: ZUpdatePolicyRequest }, async ({ user, body, origin }) =>
  Response.json({ policy: await updatePolicy(db, { ...user, origin }, body) }),
);
