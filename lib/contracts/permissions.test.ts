import { describe, expect, it } from "vitest";
import { APPROVAL_TIERS } from "./governance";
import { BUSINESS_DECISION_PERMISSIONS, PERMISSIONS, READ_ONLY_PERMISSIONS, ROLE_DEFINITIONS, ROLES, can, canApproveTier, landingPathFor, permissionsOf, type Permission } from "./permissions";

const mutating = PERMISSIONS.filter((p) => !(READ_ONLY_PERMISSIONS as readonly Permission[]).includes(p));

describe("role → permission table", () => {
  it.each(ROLES)("%s grants only known permissions, each once", (role) => {
    const perms = ROLE_DEFINITIONS[role].permissions as readonly string[];
    expect(new Set(perms).size).toBe(perms.length);
    for (const p of perms) expect(PERMISSIONS).toContain(p);
  });

  it("every permission is granted to at least one role", () => {
    for (const p of PERMISSIONS) expect(ROLES.some((r) => can(r, p)), p).toBe(true);
  });

  it("executive reads everything readable and changes nothing", () => {
    for (const p of mutating) expect(can("executive", p), p).toBe(false);
    for (const p of ["dashboard.read", "exceptions.read", "audit.read", "imports.read"] as const) {
      expect(can("executive", p)).toBe(true);
    }
    expect(ROLE_DEFINITIONS.executive.reach).toBe("global");
  });

  it("admin configures and imports but takes no business decision", () => {
    for (const p of BUSINESS_DECISION_PERMISSIONS) expect(can("admin", p), p).toBe(false);
    for (const p of ["users.manage", "policy.manage", "imports.write"] as const) expect(can("admin", p)).toBe(true);
  });

  it("only admin manages users and policy", () => {
    for (const role of ROLES) {
      expect(can(role, "users.manage")).toBe(role === "admin");
      expect(can(role, "policy.manage")).toBe(role === "admin");
    }
  });

  it("only finance approves the finance tier, and finance reads all", () => {
    for (const role of ROLES) {
      expect(can(role, "decisions.approve_finance")).toBe(role === "finance");
      expect(canApproveTier(role, "finance")).toBe(role === "finance");
    }
    expect(ROLE_DEFINITIONS.finance.reach).toBe("global");
    expect(can("finance", "audit.read")).toBe(true);
  });

  it("imports.write belongs to admin and planner only", () => {
    expect(ROLES.filter((r) => can(r, "imports.write")).sort()).toEqual(["admin", "planner"]);
  });

  it("store managers confirm transfers and flag counts for their own stores only", () => {
    expect(can("store_manager", "transfers.confirm")).toBe(true);
    expect(can("store_manager", "inventory.flag_count")).toBe(true);
    expect(ROLE_DEFINITIONS.store_manager.reach).toEqual({ locations: true, products: false });
  });

  it("approval tiers agree with the approve permissions", () => {
    for (const role of ROLES) {
      const tier = ROLE_DEFINITIONS[role].approvalTier;
      expect(tier !== null, role).toBe(can(role, "decisions.approve"));
      if (tier !== null) expect(APPROVAL_TIERS).toContain(tier);
    }
    expect(canApproveTier("planner", "planner")).toBe(true);
    expect(canApproveTier("planner", "manager")).toBe(false);
    expect(canApproveTier("buyer", "manager")).toBe(true);
  });

  it("roles with global reach are exactly finance, executive and admin", () => {
    expect(ROLES.filter((r) => ROLE_DEFINITIONS[r].reach === "global").sort()).toEqual(["admin", "executive", "finance"]);
  });

  it("every landing page is readable by its role", () => {
    const pagePermission: Record<string, Permission> = {
      "/queue": "exceptions.read",
      "/approvals": "decisions.approve",
      "/dashboard": "dashboard.read",
      "/data": "imports.read",
      "/store": "inventory.flag_count",
    };
    for (const role of ROLES) {
      const needed = pagePermission[landingPathFor(role)];
      expect(needed, role).toBeDefined();
      expect(can(role, needed!), role).toBe(true);
    }
  });

  it("fails closed for unknown or missing roles", () => {
    expect(can("superuser", "exceptions.read")).toBe(false);
    expect(can(null, "dashboard.read")).toBe(false);
    expect(permissionsOf(undefined)).toEqual([]);
    expect(canApproveTier("ceo", "auto")).toBe(false);
    expect(landingPathFor("ceo")).toBe("/signin");
  });
});
