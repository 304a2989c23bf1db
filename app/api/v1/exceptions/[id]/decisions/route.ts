import { EXCEPTION_DECISION_PERMISSIONS, ZExceptionDecisionRequest, ZExceptionIdParams } from "@/lib/contracts/exceptions";
import { userActor } from "@/lib/server/actor";
import { db } from "@/lib/server/db";
import { decideOnException } from "@/lib/server/exceptions/decide-on-exception";
import { withPermission } from "@/lib/server/http/with-permission";

export const dynamic = "force-dynamic";

/**
 * approve / modify / reject / snooze / assign / comment / override_forecast: TExceptionDecisionResponse.
 * The route asks for the permission the decision needs; the decision then checks what depends on
 * the item (tier, scope, segregation of duties).
 */
export const POST = withPermission(
  { perAction: (body) => EXCEPTION_DECISION_PERMISSIONS[body.decision] },
  { params: ZExceptionIdParams, body: ZExceptionDecisionRequest },
  async ({ user, params, body, origin }) => Response.json(await decideOnException(db, userActor(user, origin), params.id, body)),
);
