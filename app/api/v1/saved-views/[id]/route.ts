import { ZSavedViewIdParams } from "@/lib/contracts/saved-views";
import { db } from "@/lib/server/db";
import { withPermission } from "@/lib/server/http/with-permission";
import { deleteSavedView } from "@/lib/server/saved-views/manage-saved-views";

export const dynamic = "force-dynamic";

/** Deletes one of the person's own queue views (someone else's answers 404). */
export const DELETE = withPermission("exceptions.read", { params: ZSavedViewIdParams }, async ({ user, params }) => {
  await deleteSavedView(db, user, params.id);
  return new Response(null, { status: 204 });
});
