import { can, type Permission } from "@/lib/contracts/permissions";

export interface NavItem {
  href: string;
  label: string;
  permission: Permission;
}

/** Main navigation; each entry is shown only to roles holding its permission. */
export const NAV_ITEMS: readonly NavItem[] = [
  { href: "/store", label: "My store", permission: "inventory.flag_count" },
  { href: "/queue", label: "Queue", permission: "exceptions.read" },
  { href: "/approvals", label: "Approvals", permission: "decisions.approve" },
  { href: "/dashboard", label: "Dashboard", permission: "dashboard.read" },
  { href: "/briefing", label: "Briefing", permission: "exceptions.read" },
  { href: "/audit", label: "Audit", permission: "audit.read" },
  { href: "/data", label: "Data", permission: "imports.read" },
  { href: "/admin/users", label: "Admin", permission: "users.manage" },
];

export function navItemsFor(role: string): NavItem[] {
  return NAV_ITEMS.filter((item) => can(role, item.permission));
}
