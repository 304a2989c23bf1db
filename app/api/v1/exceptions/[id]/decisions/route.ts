import { db } from "@/lib/server/db";
import { decideOnException } from "@/lib/server/exceptions/decide-on-exception";
import { ZExceptionDecisionRequest, ZExceptionIdParams } from "@/lib/server/exceptions/exceptions.types";
import { withPermission } from "@/lib/server/http/with-permission";

export const dynamic = "force-dynamic";

/**
 * approve / modify / reject / snooze / assign / comment / override_forecast: TExceptionDecisionResponse.
 * Each decision checks its own right (tier, triage, forecast.override) on top of reading the exception.
 */
export const POST = withPermission("exceptions.read", { params: ZExceptionIdParams, body: ZExceptionDecisionRequest }, async ({ user, params, body, origin }) =>
  Response.json(await decideOnException(db, { id: user.id, role: user.role, scopes: user.scopes, origin }, params.id, body)),
);
