import { APPROVAL_TIERS, type TApprovalTier } from "./governance";

/**
 * The one table that says what each role may do. Code asks for a permission, never for a role
 * name: `can(user.role, "decisions.approve")`. Pure module (no database) so client components
 * can render role-aware navigation from the same table the server enforces.
 */

export const ROLES = ["planner", "buyer", "store_manager", "finance", "executive", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const PERMISSIONS = [
  "dashboard.read",
  "exceptions.read",
  /** Assign, snooze, comment on an exception. */
  "exceptions.triage",
  /** Accept or modify a recommendation, which proposes an action for approval. */
  "decisions.propose",
  /** Approve or reject proposed actions up to the role's approval tier. */
  "decisions.approve",
  /** Approve actions in the finance tier (high value / risk). */
  "decisions.approve_finance",
  "forecast.override",
  /** Store manager: confirm goods moving in or out of their store (transfers shipped / received, PO deliveries). */
  "transfers.confirm",
  /** Store manager: record a cycle count, which corrects recorded stock and closes the inaccuracy exception. */
  "inventory.flag_count",
  "plan_runs.read",
  "plan_runs.create",
  "imports.read",
  "imports.write",
  "audit.read",
  "policy.read",
  "policy.manage",
  "users.manage",
  /**
   * Hand approved actions to the ERP (marks them exported). Global: an export takes every
   * approved action, so it belongs to the admin who runs the integration, not to a scoped role.
   */
  "actions.export",
  /** Create, list and revoke API tokens of service accounts (ERP, POS, OMS middleware). */
  "tokens.manage",
] as const;
export type Permission = (typeof PERMISSIONS)[number];

/** Permissions that only read. Everything else changes state (and is refused to executives). */
export const READ_ONLY_PERMISSIONS = [
  "dashboard.read",
  "exceptions.read",
  "plan_runs.read",
  "imports.read",
  "audit.read",
  "policy.read",
] as const satisfies readonly Permission[];

/** Business decisions: never granted to admin (configuration only) nor executive (read only). */
export const BUSINESS_DECISION_PERMISSIONS = [
  "decisions.propose",
  "decisions.approve",
  "decisions.approve_finance",
  "forecast.override",
  "transfers.confirm",
  "inventory.flag_count",
] as const satisfies readonly Permission[];

/**
 * Which dimensions of the business a role is restricted in by its UserScope rows.
 * "global" roles read everything. A scoped role with no scope rows for a restricted
 * dimension sees nothing in that dimension (fail closed).
 */
export type RoleReach = "global" | { locations: boolean; products: boolean };

export interface RoleDefinition {
  label: string;
  description: string;
  permissions: readonly Permission[];
  reach: RoleReach;
  /** Highest approval tier the role may give; null when it approves nothing. */
  approvalTier: TApprovalTier | null;
  /** Where the role lands after sign-in. */
  landing: string;
}

export const ROLE_DEFINITIONS = {
  planner: {
    label: "Planner",
    description: "Works the exception queue for their regions and categories.",
    permissions: [
      "dashboard.read",
      "exceptions.read",
      "exceptions.triage",
      "decisions.propose",
      "decisions.approve",
      "forecast.override",
      "plan_runs.read",
      "plan_runs.create",
      "imports.read",
      "imports.write",
      "policy.read",
    ],
    reach: { locations: true, products: true },
    approvalTier: "planner",
    landing: "/queue",
  },
  buyer: {
    label: "Buyer",
    description: "Supplier and purchase-order exceptions for their categories, all locations.",
    permissions: [
      "dashboard.read",
      "exceptions.read",
      "exceptions.triage",
      "decisions.propose",
      "decisions.approve",
      "plan_runs.read",
      "imports.read",
      "policy.read",
    ],
    reach: { locations: false, products: true },
    approvalTier: "manager",
    landing: "/queue",
  },
  store_manager: {
    label: "Store manager",
    description: "Exceptions of their own stores: transfers and count errors.",
    permissions: [
      "dashboard.read",
      "exceptions.read",
      "exceptions.triage",
      "decisions.propose",
      "decisions.approve",
      "transfers.confirm",
      "inventory.flag_count",
      "imports.read",
    ],
    reach: { locations: true, products: false },
    approvalTier: "planner",
    landing: "/store",
  },
  finance: {
    label: "Finance approver",
    description: "Approves the finance tier; reads everything.",
    permissions: [
      "dashboard.read",
      "exceptions.read",
      "decisions.approve",
      "decisions.approve_finance",
      "plan_runs.read",
      "imports.read",
      "audit.read",
      "policy.read",
    ],
    reach: "global",
    approvalTier: "finance",
    landing: "/approvals",
  },
  executive: {
    label: "Executive",
    description: "KPI dashboards with drill-down; reads everything, changes nothing.",
    permissions: ["dashboard.read", "exceptions.read", "plan_runs.read", "imports.read", "audit.read", "policy.read"],
    reach: "global",
    approvalTier: null,
    landing: "/dashboard",
  },
  admin: {
    label: "Admin",
    description: "Users, roles, scopes, approval policy and data imports; no business approvals.",
    permissions: [
      "dashboard.read",
      "exceptions.read",
      "plan_runs.read",
      "plan_runs.create",
      "imports.read",
      "imports.write",
      "audit.read",
      "policy.read",
      "policy.manage",
      "users.manage",
      "actions.export",
      "tokens.manage",
    ],
    reach: "global",
    approvalTier: null,
    landing: "/data",
  },
} as const satisfies Record<Role, RoleDefinition>;

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export function isPermission(value: unknown): value is Permission {
  return typeof value === "string" && (PERMISSIONS as readonly string[]).includes(value);
}

/** True when the role grants the permission. Unknown roles are granted nothing. */
export function can(role: string | null | undefined, permission: Permission): boolean {
  if (!isRole(role)) return false;
  return (ROLE_DEFINITIONS[role].permissions as readonly Permission[]).includes(permission);
}

export function permissionsOf(role: string | null | undefined): readonly Permission[] {
  return isRole(role) ? ROLE_DEFINITIONS[role].permissions : [];
}

export function roleLabel(role: string): string {
  return isRole(role) ? ROLE_DEFINITIONS[role].label : role;
}

export function landingPathFor(role: string | null | undefined): string {
  return isRole(role) ? ROLE_DEFINITIONS[role].landing : "/signin";
}

/** True when the role may approve an action needing `tier`. */
export function canApproveTier(role: string | null | undefined, tier: TApprovalTier): boolean {
  if (!isRole(role)) return false;
  const own = ROLE_DEFINITIONS[role].approvalTier;
  if (own === null) return false;
  return APPROVAL_TIERS.indexOf(tier) <= APPROVAL_TIERS.indexOf(own);
}

export const SCOPE_KINDS = ["REGION", "STORE", "CATEGORY"] as const;
export type ScopeKind = (typeof SCOPE_KINDS)[number];

export interface Scope {
  kind: ScopeKind;
  value: string;
}

/** The part of a signed-in user that authorization needs. */
export interface ScopedActor {
  role: string;
  scopes: readonly Scope[];
}

export function hasGlobalReach(role: string): boolean {
  return isRole(role) && ROLE_DEFINITIONS[role].reach === "global";
}

/** Scope kinds that matter for a role, e.g. to show only relevant fields in the admin editor. */
export function relevantScopeKinds(role: string): ScopeKind[] {
  if (!isRole(role)) return [];
  const reach = ROLE_DEFINITIONS[role].reach;
  if (reach === "global") return [];
  const kinds: ScopeKind[] = [];
  if (reach.locations) kinds.push("REGION", "STORE");
  if (reach.products) kinds.push("CATEGORY");
  return kinds;
}
