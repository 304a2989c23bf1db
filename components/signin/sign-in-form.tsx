"use client";

import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { safeCallbackPath } from "@/lib/contracts/safe-callback-path";

const MESSAGES: Record<string, string> = {
  CredentialsSignin: "The email or password is not correct.",
  throttled: "Too many failed sign-ins for this account from here. Wait a little (the wait grows with each failure) and try again, or ask an administrator to unlock it.",
  oidc_no_role: "Your identity provider did not send a Stockpilot role for your account. Ask your administrator to assign one.",
  oidc_no_email: "Your identity provider did not send an email address.",
  oidc_inactive: "Your Stockpilot account is deactivated.",
  SessionRequired: "Sign in to continue.",
};

export function signInMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  return MESSAGES[code] ?? "Sign-in failed. Try again.";
}

export interface DemoAccount {
  email: string;
  role: string;
}

export function SignInForm({
  initialError,
  callbackUrl,
  sso,
  demo,
}: {
  initialError: string | null;
  callbackUrl?: string;
  sso: { id: string; name: string } | null;
  demo: { accounts: DemoAccount[]; password: string } | null;
}) {
  const router = useRouter();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(signInMessage(initialError));
  const [pending, setPending] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setPending(true);
    setError(null);
    const result = await signIn("credentials", { email, password, redirect: false });
    if (!result || result.error || !result.ok) {
      setError(signInMessage(result?.error ?? "CredentialsSignin"));
      setPending(false);
      return;
    }
    router.replace(safeCallbackPath(callbackUrl));
    router.refresh();
  };

  return (
    <div className="space-y-5">
      <form onSubmit={submit} className="space-y-4" noValidate>
        {error ? (
          <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
            {error}
          </div>
        ) : null}
        <div>
          <label htmlFor="email" className="field-label">
            Email
          </label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            className="field-input"
          />
        </div>
        <div>
          <label htmlFor="password" className="field-label">
            Password
          </label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            className="field-input"
          />
        </div>
        <button type="submit" className="btn-primary w-full py-2" disabled={pending || !email || !password}>
          {pending ? "Signing in…" : "Sign in"}
        </button>
      </form>

      {sso ? (
        <>
          <div className="flex items-center gap-3 text-xs text-slate-500" aria-hidden="true">
            <span className="h-px flex-1 bg-slate-200" /> or <span className="h-px flex-1 bg-slate-200" />
          </div>
          <button type="button" className="btn-secondary w-full py-2" onClick={() => void signIn(sso.id, { callbackUrl: safeCallbackPath(callbackUrl) })}>
            Continue with {sso.name}
          </button>
        </>
      ) : null}

      {demo ? (
        <section aria-labelledby="demo-title" className="rounded-md border border-slate-200 bg-slate-50 px-3 py-3">
          <h2 id="demo-title" className="text-xs font-semibold uppercase tracking-wide text-slate-600">
            Demo accounts
          </h2>
          <p className="mt-1 text-xs text-slate-600">
            Password for all: <code className="rounded bg-white px-1 py-0.5 font-mono text-slate-900">{demo.password}</code>
          </p>
          <ul className="mt-2 space-y-1">
            {demo.accounts.map((a) => (
              <li key={a.email}>
                <button
                  type="button"
                  className="flex w-full items-center justify-between rounded px-2 py-1 text-left text-sm hover:bg-white"
                  onClick={() => {
                    setEmail(a.email);
                    setPassword(demo.password);
                  }}
                >
                  <span className="font-mono text-xs text-slate-900">{a.email}</span>
                  <span className="text-xs text-slate-600">{a.role}</span>
                </button>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
