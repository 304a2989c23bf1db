import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell/app-shell";
import { navItemsFor } from "@/components/app-shell/nav-items";
import { getSessionUser } from "@/lib/server/auth/get-session-user";
import { db } from "@/lib/server/db";
import { getDataStatus } from "@/lib/server/health/get-data-status";

export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  const status = await getDataStatus(db, { recent: 1 });
  return (
    <AppShell
      user={{ name: user.name, email: user.email, role: user.role }}
      nav={navItemsFor(user.role)}
      data={{
        importedAt: status.lastSuccess?.finishedAt ?? null,
        rowsTotal: status.lastSuccess?.rowsTotal ?? 0,
        lastAttemptFailed: status.recent[0]?.status === "failed",
      }}
    >
      {children}
    </AppShell>
  );
}
