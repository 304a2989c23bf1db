import { redirect } from "next/navigation";
import { getSessionUser } from "@/lib/server/auth/get-session-user";
import { landingPathFor } from "@/lib/contracts/permissions";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const user = await getSessionUser();
  redirect(user ? landingPathFor(user.role) : "/signin");
}
