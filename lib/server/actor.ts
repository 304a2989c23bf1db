import "server-only";
import type { Role, Scope } from "../contracts/permissions";

/** Role recorded on what the system does by itself (plan runs, routing, auto-approval, supersede, expiry). */
export const SYSTEM_ROLE = "system";
/** Role recorded on what a service account does with an API token. */
export const API_TOKEN_ROLE = "api_token";

export type ActorRole = Role | typeof SYSTEM_ROLE | typeof API_TOKEN_ROLE;

/**
 * Who does something: the one shape every domain function, Decision row and audit record takes.
 * `id` and `role` are what the audit log records; `scopes` is what the actor may see; `origin` is
 * where the request came from ("web 10.0.0.7", "api 10.0.0.9", "cli", "system").
 */
export interface Actor {
  /** The user acting; null for the system, and for a sign-in attempt nobody could be matched to. */
  id: string | null;
  /** Null only for a sign-in attempt nobody could be matched to. */
  role: ActorRole | null;
  scopes: readonly Scope[];
  origin?: string;
}

/** An Actor that is a person with a role: what decisions, triage and configuration changes need. */
export interface UserActor extends Actor {
  id: string;
  role: Role;
}

export const SYSTEM_ACTOR = { id: null, role: SYSTEM_ROLE, scopes: [], origin: "system" } as const satisfies Actor;

/** A service account sending with an API token; `id` names the token (see withPermission). */
export function apiTokenActor(id: string, origin?: string): Actor {
  return { id, role: API_TOKEN_ROLE, scopes: [], origin };
}

/** Someone at the command line (import, plan CLIs): no user account, recorded with the admin role. */
export function cliActor(): Actor {
  return { id: null, role: "admin", scopes: [], origin: `cli ${process.env.USER ?? "unknown"}` };
}

/** The signed-in user acting from `origin`. */
export function userActor(user: { id: string; role: Role; scopes: readonly Scope[] }, origin?: string): UserActor {
  return { id: user.id, role: user.role, scopes: user.scopes, origin };
}
