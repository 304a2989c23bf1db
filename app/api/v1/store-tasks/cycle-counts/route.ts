import { db } from "@/lib/server/db";
import { withPermission } from "@/lib/server/http/with-permission";
import { recordCycleCount } from "@/lib/server/store-tasks/record-cycle-count";
import { ZCycleCountRequest } from "@/lib/contracts/store-tasks";
import { userActor } from "@/lib/server/actor";

export const dynamic = "force-dynamic";

/** Record a counted quantity: corrects stock and closes the inventory-inaccuracy exception. */
export const POST = withPermission("inventory.flag_count", { body: ZCycleCountRequest }, async ({ user, body, origin }) =>
  Response.json(await recordCycleCount(db, userActor(user, origin), body)),
);
