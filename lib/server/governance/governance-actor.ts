import type { Role } from "../permissions/permissions";
import type { Scope } from "../permissions/scope";

/** The signed-in person a governance function acts for. */
export interface GovernanceActor {
  id: string;
  role: Role;
  scopes: readonly Scope[];
  /** Where the request came from, e.g. "web 10.0.0.7" or "cli"; recorded in the audit log. */
  origin?: string;
}

/** Role recorded on decisions the system takes by itself (auto-approval, supersede, expiry). */
export const SYSTEM_ROLE = "system";

/** The system acting on its own: routing after a plan run, superseding, expiring. */
export interface SystemActor {
  id: null;
  role: typeof SYSTEM_ROLE;
  origin?: string;
}

export const SYSTEM_ACTOR: SystemActor = { id: null, role: SYSTEM_ROLE, origin: "system" };
