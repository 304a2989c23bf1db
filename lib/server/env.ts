import "server-only";
import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** Where the demo script writes a generated session secret (git-ignored data directory). */
export const SECRET_FILE = path.join(process.cwd(), "data", ".secret");

const ZEnv = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  NEXTAUTH_SECRET: z.string().min(32, "NEXTAUTH_SECRET must be at least 32 characters").optional(),
  NEXTAUTH_URL: z.url().optional(),
  OIDC_ISSUER: z.url().optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  OIDC_ROLE_CLAIM: z.string().min(1).default("stockpilot_role"),
  OIDC_NAME: z.string().min(1).default("Single sign-on"),
  STOCKPILOT_DEMO: z.enum(["0", "1"]).optional(),
  /** Failed sign-ins per account + address before each further one doubles the wait (1 s, 2 s, … up to the cap). */
  LOGIN_FREE_FAILURES: z.coerce.number().int().positive().default(5),
  /** Failed sign-ins per address, across accounts, before the same backoff applies to the address. */
  LOGIN_ADDRESS_FREE_FAILURES: z.coerce.number().int().positive().default(50),
  LOGIN_MAX_WAIT_SECONDS: z.coerce.number().int().positive().default(15 * 60),
  /** Per API token: requests allowed in a burst, and requests per second sustained. */
  STOCKPILOT_TOKEN_BURST: z.coerce.number().int().positive().default(120),
  STOCKPILOT_TOKEN_RATE: z.coerce.number().positive().default(20),
  /** Least time between two passes of the near-real-time replan after events. */
  STOCKPILOT_REPLAN_DEBOUNCE_MS: z.coerce.number().int().min(0).default(2_000),
});
export type Env = z.infer<typeof ZEnv>;

function blankToUndefined(source: NodeJS.ProcessEnv): Record<string, string | undefined> {
  return Object.fromEntries(Object.entries(source).map(([k, v]) => [k, v === "" ? undefined : v]));
}

/** Parses the environment on every call: cheap, and tests can change process.env between calls. */
export function env(): Env {
  const parsed = ZEnv.safeParse(blankToUndefined(process.env));
  if (!parsed.success) {
    const details = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new Error(`Invalid environment: ${details}`);
  }
  return parsed.data;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  clientSecret: string;
  roleClaim: string;
  name: string;
}

/** The OIDC provider's settings, or null when single sign-on is not configured. */
export function oidcConfig(): OidcConfig | null {
  const e = env();
  if (!e.OIDC_ISSUER || !e.OIDC_CLIENT_ID || !e.OIDC_CLIENT_SECRET) return null;
  return {
    issuer: e.OIDC_ISSUER.replace(/\/$/, ""),
    clientId: e.OIDC_CLIENT_ID,
    clientSecret: e.OIDC_CLIENT_SECRET,
    roleClaim: e.OIDC_ROLE_CLAIM,
    name: e.OIDC_NAME,
  };
}

export function isDemoMode(): boolean {
  return env().STOCKPILOT_DEMO === "1";
}

/** True when cookies must carry the Secure flag (the app is served over https). */
export function useSecureCookies(): boolean {
  return env().NEXTAUTH_URL?.startsWith("https://") ?? false;
}

let devSecret: string | undefined;

/**
 * The key that signs and encrypts session tokens: NEXTAUTH_SECRET, else data/.secret (written by
 * the demo script). Production refuses to start without one; development falls back to a
 * per-process secret, so sessions end when the server restarts.
 */
export function authSecret(): string {
  const e = env();
  if (e.NEXTAUTH_SECRET) return e.NEXTAUTH_SECRET;
  if (existsSync(SECRET_FILE)) {
    const fromFile = readFileSync(SECRET_FILE, "utf8").trim();
    if (fromFile.length >= 32) return fromFile;
    throw new Error(`${SECRET_FILE} holds fewer than 32 characters; regenerate it or set NEXTAUTH_SECRET.`);
  }
  if (e.NODE_ENV === "production") {
    throw new Error(
      "No session secret: set NEXTAUTH_SECRET (32+ random characters, e.g. `openssl rand -base64 32`) " +
        `or run the demo script, which writes ${SECRET_FILE}.`,
    );
  }
  devSecret ??= randomBytes(32).toString("base64url");
  return devSecret;
}
