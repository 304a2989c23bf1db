import { ZAskRequest } from "@/lib/copilot/copilot.types";
import { answerQuestion } from "@/lib/server/copilot/answer-question";
import { db } from "@/lib/server/db";
import { withPermission } from "@/lib/server/http/with-permission";

export const dynamic = "force-dynamic";

/** A question in plain words → TAskResponse, answered within the asker's scope. */
export const POST = withPermission("exceptions.read", { body: ZAskRequest }, async ({ user, body }) =>
  Response.json(await answerQuestion(db, { id: user.id, role: user.role, scopes: user.scopes }, body)),
);
