import { withPermission } from "@/lib/server/http/with-permission";
import { listDecisions } from "@/lib/server/read-api/list-decisions";
import { ZDecisionListQuery } from "@/lib/contracts/read-api";
import { db } from "@/lib/server/db";

export const dynamic = "force-dynamic";

/** Decisions on recommendations in the caller's scope, newest first: TDecisionPage. */
export const GET = withPermission("exceptions.read", { query: ZDecisionListQuery }, async ({ user, query }) =>
  Response.json(await listDecisions(db, user, query)),
  { tokenScope: "decisions:read" },
);
