import type { DefaultSession } from "next-auth";

declare module "next-auth" {
  /** The session as the session callback shapes it (see auth-options.ts). */
  interface Session {
    user?: DefaultSession["user"] & { id: string; role: string; scopes: { kind: string; value: string }[]; sessionVersion: number };
  }
}
