import { redirect } from "next/navigation";
import type { ReactNode } from "react";
import { AppShell } from "@/components/app-shell/app-shell";
import { navItemsFor } from "@/components/app-shell/nav-items";
import { getSessionUser } from "@/lib/server/auth/get-session-user";
import { db } from "@/lib/server/db";
import { getDataCoverage } from "@/lib/server/health/get-data-coverage";

export const dynamic = "force-dynamic";

export default async function SignedInLayout({ children }: { children: ReactNode }) {
  const user = await getSessionUser();
  if (!user) redirect("/signin");
  const [lastAttempt, coverage] = await Promise.all([
    db.importBatch.findFirst({ orderBy: { startedAt: "desc" }, select: { status: true } }),
    getDataCoverage(db),
  ]);
  return (
    <AppShell
      user={{ name: user.name, email: user.email, role: user.role }}
      nav={navItemsFor(user.role)}
      data={{
        coverage,
        lastAttemptFailed: lastAttempt?.status === "failed",
      }}
    >
      {children}
    </AppShell>
  );
}
