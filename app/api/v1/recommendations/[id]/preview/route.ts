import { db } from "@/lib/server/db";
import { ZModificationPreviewRequest } from "@/lib/server/governance/action-pricing.types";
import { ZRecommendationParams } from "@/lib/contracts/governance";
import { previewModification } from "@/lib/server/governance/preview-modification";
import { withPermission } from "@/lib/server/http/with-permission";
import { userActor } from "@/lib/server/actor";

/**
 * What modifying a pending action to `quantity` would cost, earn and need for approval, re-priced
 * by the engine, before the person submits. Writes nothing. Modifying is proposing, so it needs
 * `decisions.propose`; scope and action-type rights are checked as for the modification itself.
 */
export const POST = withPermission(
  "decisions.propose",
  { params: ZRecommendationParams, body: ZModificationPreviewRequest },
  async ({ params, body, user, origin }) => Response.json(await previewModification(db, userActor(user, origin), params.id, body)),
);
