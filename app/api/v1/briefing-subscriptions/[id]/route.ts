import { ZSubscriptionIdParams } from "@/lib/copilot/briefing.types";
import { deleteSubscription } from "@/lib/server/copilot/briefings/manage-subscriptions";
import { db } from "@/lib/server/db";
import { withPermission } from "@/lib/server/http/with-permission";

export const dynamic = "force-dynamic";

export const DELETE = withPermission("exceptions.read", { params: ZSubscriptionIdParams }, async ({ user, params }) => {
  await deleteSubscription(db, user, params.id);
  return new Response(null, { status: 204 });
});
