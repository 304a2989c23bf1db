import { db } from "@/lib/server/db";
import { withPermission } from "@/lib/server/http/with-permission";
import { listScopeOptions, listUsers } from "@/lib/server/users/list-users";

export const GET = withPermission("users.manage", async () => {
  const [users, scopeOptions] = await Promise.all([listUsers(db), listScopeOptions(db)]);
  return Response.json({ users, scopeOptions });
});
