import { getLatestBriefing } from "@/lib/server/copilot/briefings/get-latest-briefing";
import { db } from "@/lib/server/db";
import { withPermission } from "@/lib/server/http/with-permission";

export const dynamic = "force-dynamic";

/** The signed-in person's latest briefing: { briefing: TBriefing | null }. */
export const GET = withPermission("exceptions.read", async ({ user }) => Response.json({ briefing: await getLatestBriefing(db, user) }));
