import { db } from "@/lib/server/db";
import { ZExceptionListQuery } from "@/lib/contracts/exceptions";
import { listExceptions } from "@/lib/server/exceptions/list-exceptions";
import { withPermission } from "@/lib/server/http/with-permission";

export const dynamic = "force-dynamic";

/** One page of the queue in the user's scope: TExceptionListPage. */
export const GET = withPermission("exceptions.read", { query: ZExceptionListQuery }, async ({ user, query }) =>
  Response.json(await listExceptions(db, user, query)),
  { tokenScope: "exceptions:read" },
);
