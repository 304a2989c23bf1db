import { db } from "@/lib/server/db";
import { withPermission } from "@/lib/server/http/with-permission";
import { receivePurchaseOrder } from "@/lib/server/store-tasks/receive-purchase-order";
import { ZPurchaseOrderReceiptRequest } from "@/lib/contracts/store-tasks";
import { userActor } from "@/lib/server/actor";

export const dynamic = "force-dynamic";

/** Record units of a purchase order that arrived at the store. */
export const POST = withPermission("transfers.confirm", { body: ZPurchaseOrderReceiptRequest }, async ({ user, body, origin }) =>
  Response.json(await receivePurchaseOrder(db, userActor(user, origin), body)),
);
