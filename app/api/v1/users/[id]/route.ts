import { db } from "@/lib/server/db";
import { notFound } from "@/lib/server/app-error";
import { withPermission } from "@/lib/server/http/with-permission";
import { listUsers } from "@/lib/server/users/list-users";
import { updateUser } from "@/lib/server/users/update-user";
import { ZUpdateUserRequest, ZUserId } from "@/lib/contracts/users";
import { userActor } from "@/lib/server/actor";

export const GET = withPermission("users.manage", { params: ZUserId }, async ({ params }) => {
  const user = (await listUsers(db)).find((u) => u.id === params.id);
  if (!user) throw notFound("User");
  return Response.json({ user });
});

export const PATCH = withPermission("users.manage", { params: ZUserId, body: ZUpdateUserRequest }, async ({ params, body, user, origin }) => {
  await updateUser(db, { actor: userActor(user, origin), userId: params.id, patch: body });
  const updated = (await listUsers(db)).find((u) => u.id === params.id);
  return Response.json({ user: updated });
});
