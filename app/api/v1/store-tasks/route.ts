import { db } from "@/lib/server/db";
import { withPermission } from "@/lib/server/http/with-permission";
import { listStoreTasks } from "@/lib/server/store-tasks/list-store-tasks";

export const dynamic = "force-dynamic";

/** The signed-in store manager's transfers to confirm, counts to do and deliveries due: TStoreTasks. */
export const GET = withPermission("inventory.flag_count", {}, async ({ user }) => Response.json(await listStoreTasks(db, user)));
