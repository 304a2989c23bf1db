import type { Metadata } from "next";
import Link from "next/link";
import { UsersAdmin } from "@/components/admin/users-admin";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/server/auth/require-page-user";
import { db } from "@/lib/server/db";
import { listScopeOptions, listUsers } from "@/lib/server/users/list-users";

export const metadata: Metadata = { title: "Users" };

export default async function UsersAdminPage() {
  const user = await requirePagePermission("users.manage", "/admin/users");
  const [users, scopeOptions] = await Promise.all([listUsers(db), listScopeOptions(db)]);
  return (
    <>
      <PageHeader
        title="Users"
        description="Roles decide what a user may do; scopes decide which regions, stores and categories they see. Every change is audited."
        actions={
          <div className="flex gap-2"><Link className="btn-secondary" href="/admin/policy">Approval policy</Link><Link className="btn-secondary" href="/admin/tokens">API tokens</Link></div>
        }
      />
      <UsersAdmin initial={{ users, scopeOptions }} currentUserId={user.id} />
    </>
  );
}
