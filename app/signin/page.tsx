import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInForm } from "@/components/signin/sign-in-form";
import { safeCallbackPath } from "@/lib/contracts/safe-callback-path";
import { ssoProvider } from "@/lib/server/auth/auth-options";
import { getSessionUser } from "@/lib/server/auth/get-session-user";
import { isDemoMode } from "@/lib/server/env";
import { landingPathFor, roleLabel } from "@/lib/contracts/permissions";
import { DEMO_PASSWORD, DEMO_USERS } from "@/lib/demo/demo-accounts";

export const metadata: Metadata = { title: "Sign in" };
export const dynamic = "force-dynamic";

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const params = await searchParams;
  const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const user = await getSessionUser();
  if (user) redirect(landingPathFor(user.role));
  const demo = isDemoMode()
    ? { password: DEMO_PASSWORD, accounts: DEMO_USERS.map((u) => ({ email: u.email, role: roleLabel(u.role) })) }
    : null;
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 flex items-center gap-2">
          {/* eslint-disable-next-line @next/next/no-img-element */}
          <img src="/favicon.svg" alt="" width={28} height={28} />
          <span className="text-lg font-semibold text-slate-900">Stockpilot</span>
        </div>
        <div className="card p-6 shadow-sm">
          <h1 className="text-base font-semibold text-slate-900">Sign in</h1>
          <p className="mb-5 mt-1 text-sm text-slate-600">Planner copilot: prioritized exceptions, recommended actions, audited decisions.</p>
          <SignInForm initialError={one(params.error) ?? null} callbackUrl={safeCallbackPath(one(params.callbackUrl))} sso={ssoProvider()} demo={demo} />
        </div>
      </div>
    </main>
  );
}
