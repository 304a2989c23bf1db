import { ZAskRequest } from "@/lib/copilot/copilot.types";
import { answerQuestion } from "@/lib/server/copilot/answer-question";
import { db } from "@/lib/server/db";
import { withPermission } from "@/lib/server/http/with-permission";
import { userActor } from "@/lib/server/actor";

export const dynamic = "force-dynamic";

/** A question in plain words → TAskResponse, answered within the asker's scope. */
export const POST = withPermission("exceptions.read", { body: ZAskRequest }, async ({ user, body, origin }) =>
  Response.json(await answerQuestion(db, userActor(user, origin), body)),
);
