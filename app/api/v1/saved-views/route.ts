import { ZSaveViewRequest } from "@/lib/contracts/saved-views";
import { db } from "@/lib/server/db";
import { withPermission } from "@/lib/server/http/with-permission";
import { listSavedViews, saveView } from "@/lib/server/saved-views/manage-saved-views";

export const dynamic = "force-dynamic";

/** The signed-in person's saved queue views: { items: TSavedView[] }. */
export const GET = withPermission("exceptions.read", async ({ user }) => Response.json({ items: await listSavedViews(db, user) }));

/** Saves (or replaces, by name) one of the person's queue views: TSavedView. */
export const PUT = withPermission("exceptions.read", { body: ZSaveViewRequest }, async ({ user, body }) => Response.json(await saveView(db, user, body)));
