import { db } from "@/lib/server/db";
import { ZExceptionIdParams } from "@/lib/contracts/exceptions";
import { getExceptionDetail } from "@/lib/server/exceptions/get-exception-detail";
import { withPermission } from "@/lib/server/http/with-permission";

export const dynamic = "force-dynamic";

/** The exception page's data: TExceptionDetail; 404 outside the user's scope. */
export const GET = withPermission("exceptions.read", { params: ZExceptionIdParams }, async ({ user, params }) =>
  Response.json(await getExceptionDetail(db, user, params.id)),
);
