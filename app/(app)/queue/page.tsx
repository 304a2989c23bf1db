import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { PageHeader } from "@/components/ui/page-header";
import { loadQueueOptions } from "@/lib/server/exceptions/load-queue-options";
import { workbenchViewerFor } from "@/components/queue/queue-options";
import { parseQueueSearch } from "@/components/queue/queue-search";
import { QueueWorkbench } from "@/components/queue/queue-workbench";
import { requirePagePermission } from "@/lib/server/auth/require-page-user";
import { db } from "@/lib/server/db";
import { decidesOnlySupplierActions } from "@/lib/server/governance/decision-rights";
import { listSupplierScorecards } from "@/lib/server/suppliers/list-supplier-scorecards";

export const metadata: Metadata = { title: "Queue" };

export default async function QueuePage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requirePagePermission("exceptions.read", "/queue");
  const supplierWorkFirst = decidesOnlySupplierActions(user.role);
  const raw = await searchParams;
  // A buyer decides only supplier and PO actions: their queue opens on that work, by supplier.
  if (supplierWorkFirst && Object.keys(raw).length === 0) redirect("/queue?work=supplier");
  const search = parseQueueSearch(new URLSearchParams(Object.entries(raw).flatMap(([key, value]) => (typeof value === "string" ? [[key, value]] : []))));
  const [options, suppliers] = await Promise.all([
    loadQueueOptions(db, user, { skus: search.sku, models: search.model }),
    supplierWorkFirst ? listSupplierScorecards(db, user) : null,
  ]);
  return (
    <>
      <PageHeader
        title="Exception queue"
        description={
          supplierWorkFirst
            ? "Supplier and PO work first, by supplier, then everything else in your categories; ranked by score: money at risk × urgency × confidence."
            : "What needs attention first, ranked by score: money at risk × urgency × confidence, within your scope."
        }
      />
      <QueueWorkbench viewer={workbenchViewerFor(user)} options={options} suppliers={suppliers} />
    </>
  );
}
