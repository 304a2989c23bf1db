import { ZCreateSubscriptionRequest } from "@/lib/copilot/briefing.types";
import { createSubscription, listSubscriptions } from "@/lib/server/copilot/briefings/manage-subscriptions";
import { db } from "@/lib/server/db";
import { withPermission } from "@/lib/server/http/with-permission";

export const dynamic = "force-dynamic";

/** The signed-in person's briefing subscriptions: { items: TSubscriptionView[] }. */
export const GET = withPermission("exceptions.read", async ({ user }) => Response.json({ items: await listSubscriptions(db, user) }));

/** Subscribes to e-mail or webhook digests after each plan run: TCreatedSubscription (a webhook's signing secret, once). */
export const POST = withPermission("exceptions.read", { body: ZCreateSubscriptionRequest }, async ({ user, body }) =>
  Response.json(await createSubscription(db, user, body), { status: 201 }),
);
