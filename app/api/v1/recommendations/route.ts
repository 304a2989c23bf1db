import { withPermission } from "@/lib/server/http/with-permission";
import { listRecommendations } from "@/lib/server/read-api/list-recommendations";
import { ZRecommendationListQuery } from "@/lib/contracts/read-api";
import { db } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** Recommendations in the caller's scope, newest first: TRecommendationPage. */
export const GET = withPermission("exceptions.read", { query: ZRecommendationListQuery }, async ({ user, query }) =>
  Response.json(await listRecommendations(db, user, query)),
  { tokenScope: "recommendations:read" },
);
