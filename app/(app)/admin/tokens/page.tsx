import type { Metadata } from "next";
import Link from "next/link";
import { TokensAdmin } from "@/components/admin/tokens/tokens-admin";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/server/auth/require-page-user";
import { listApiTokens } from "@/lib/server/tokens/list-api-tokens";
import { db } from "@/lib/server/db";

export const metadata: Metadata = { title: "API tokens" };

export default async function ApiTokensAdminPage() {
  await requirePagePermission("tokens.manage", "/admin/tokens");
  const tokens = await listApiTokens(db);
  return (
    <>
      <PageHeader
        title="API tokens"
        description={
          <>
            Service accounts for ERP, POS and OMS middleware. A token can do only what its scopes allow; the secret is shown once, stored only as a
            hash, and every creation and revocation is audited. See the <Link className="underline" href="/api-docs">API docs</Link>.
          </>
        }
        actions={
          <Link className="text-sm text-slate-700 underline" href="/admin/users">
            Users
          </Link>
        }
      />
      <TokensAdmin initial={tokens} />
    </>
  );
}
