import "server-only";
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import type { OAuthConfig } from "next-auth/providers/oauth";
import { z } from "zod";
import { db } from "../db";
import { clientAddress } from "../http/client-address";
import { revokeSessions } from "./revoke-sessions";
import { authSecret, oidcConfig, useSecureCookies } from "../env";
import { ZSessionToken } from "../../contracts/auth";
import { normalizeEmail, signInWithPassword } from "./sign-in-with-password";
import { signInWithOidc } from "./sign-in-with-oidc";

/** Error codes the sign-in page turns into messages (next-auth passes them as `error`). */
export const SIGN_IN_ERRORS = {
  throttled: "throttled",
} as const;

const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

const ZCredentials = z.object({ email: z.string().trim().min(1).max(320), password: z.string().min(1).max(200) });

type HeaderBag = Record<string, string | string[] | undefined> | undefined;

/** next-auth hands `authorize` a plain header object; the client address rules need `get`. */
function headersOf(bag: HeaderBag): Pick<Headers, "get"> {
  return {
    get: (name: string) => {
      const value = bag?.[name.toLowerCase()];
      return (Array.isArray(value) ? value[0] : value) ?? null;
    },
  };
}

async function requestOrigin(): Promise<string> {
  try {
    const { headers } = await import("next/headers");
    const ip = clientAddress(await headers());
    return ip ? `web ${ip}` : "web";
  } catch {
    return "web";
  }
}

interface OidcProfile extends Record<string, unknown> {
  sub: string;
  email?: string;
  name?: string;
  preferred_username?: string;
}

function oidcProvider(): OAuthConfig<OidcProfile> | null {
  const config = oidcConfig();
  if (!config) return null;
  return {
    id: "oidc",
    name: config.name,
    type: "oauth",
    wellKnown: `${config.issuer}/.well-known/openid-configuration`,
    clientId: config.clientId,
    clientSecret: config.clientSecret,
    authorization: { params: { scope: "openid email profile" } },
    idToken: true,
    checks: ["pkce", "state"],
    profile(profile) {
      return { id: profile.sub, email: profile.email ?? null, name: profile.name ?? profile.preferred_username ?? null };
    },
  };
}

/**
 * next-auth configuration, built per call because the secret and the OIDC settings come from the
 * environment at run time (never at build time).
 */
export function authOptions(): NextAuthOptions {
  const oidc = oidcProvider();
  const roleClaim = oidcConfig()?.roleClaim ?? "stockpilot_role";
  return {
    secret: authSecret(),
    useSecureCookies: useSecureCookies(),
    session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
    pages: { signIn: "/signin", error: "/signin" },
    providers: [
      CredentialsProvider({
        id: "credentials",
        name: "Email and password",
        credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
        async authorize(credentials, req) {
          const parsed = ZCredentials.safeParse(credentials);
          if (!parsed.success) return null;
          const result = await signInWithPassword(db, { ...parsed.data, ip: clientAddress(headersOf(req?.headers as HeaderBag)) });
          if (result.status === "throttled") throw new Error(SIGN_IN_ERRORS.throttled);
          if (result.status !== "ok") return null;
          return { id: result.userId };
        },
      }),
      ...(oidc ? [oidc] : []),
    ],
    events: {
      // Signing out ends every session of the user, not only this cookie: a copied token dies too.
      async signOut({ token }) {
        const parsed = ZSessionToken.safeParse(token);
        if (parsed.success) await revokeSessions(db, parsed.data.userId, { reason: "signed_out", origin: await requestOrigin() });
      },
    },
    callbacks: {
      async signIn({ account, user, profile }) {
        if (account?.provider !== "oidc") return true;
        const claims = (profile ?? {}) as Record<string, unknown>;
        const result = await signInWithOidc(db, {
          email: (claims.email as string | undefined) ?? user.email,
          name: (claims.name as string | undefined) ?? user.name,
          roleClaim: claims[roleClaim],
          origin: await requestOrigin(),
        });
        return result.status === "ok" ? true : `/signin?error=oidc_${result.reason}`;
      },
      async jwt({ token, user, account }) {
        if (!user) return token;
        // Sign-in: resolve our user row and copy role and scopes into the signed token.
        const where = account?.provider === "oidc" && user.email ? { email: normalizeEmail(user.email) } : { id: user.id };
        const row = await db.user.findUnique({ where, include: { scopes: true } });
        if (!row) return { ...token, userId: undefined };
        return {
          ...token,
          name: row.name,
          email: row.email,
          userId: row.id,
          role: row.role,
          scopes: row.scopes.map((s) => ({ kind: s.kind, value: s.value })),
          sessionVersion: row.sessionVersion,
        };
      },
      async session({ session, token }) {
        const parsed = ZSessionToken.safeParse(token);
        if (!parsed.success) return { expires: session.expires };
        return {
          expires: session.expires,
          user: { name: token.name, email: token.email, id: parsed.data.userId, role: parsed.data.role, scopes: parsed.data.scopes, sessionVersion: parsed.data.sessionVersion },
        };
      },
    },
  };
}

/** Providers the sign-in page may offer besides email + password. */
export function ssoProvider(): { id: string; name: string } | null {
  const config = oidcConfig();
  return config ? { id: "oidc", name: config.name } : null;
}
