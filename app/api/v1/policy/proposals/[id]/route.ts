import { z } from "zod";
import { db } from "@/lib/server/db";
import { decidePolicyProposal } from "@/lib/server/governance/update-policy";
import { withPermission } from "@/lib/server/http/with-permission";
import { userActor } from "@/lib/server/actor";

/**
 * A second admin approves a loosening proposal (it becomes the next policy version: 200 `{ policy }`)
 * or an admin rejects it (200 `{ proposal }`). The proposer may not approve their own: 403.
 */
export const POST = withPermission(
  "policy.manage",
  { params: z.object({ id: z.string().min(1).max(64) }), body: z.object({ decision: z.enum(["approve", "reject"]) }) },
  async ({ user, params, body, origin }) => {
    const result = await decidePolicyProposal(db, userActor(user, origin), params.id, body.decision);
    return Response.json(result.status === "applied" ? { policy: result.policy } : { proposal: result.proposal });
  },
);
