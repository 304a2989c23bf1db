import { db } from "@/lib/server/db";
import { withPermission } from "@/lib/server/http/with-permission";
import { confirmTransfer } from "@/lib/server/store-tasks/confirm-transfer";
import { ZTransferConfirmationRequest } from "@/lib/contracts/store-tasks";
import { userActor } from "@/lib/server/actor";

export const dynamic = "force-dynamic";

/** Confirm that an approved transfer left the store (shipped) or arrived (received). */
export const POST = withPermission("transfers.confirm", { body: ZTransferConfirmationRequest }, async ({ user, body, origin }) =>
  Response.json(await confirmTransfer(db, userActor(user, origin), body)),
);
