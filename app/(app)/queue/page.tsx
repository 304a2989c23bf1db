import type { Metadata } from "next";
import { ComingNext } from "@/components/coming-next";
import { PageHeader } from "@/components/page-header";
import { requirePagePermission } from "@/lib/server/auth/require-page-user";

export const metadata: Metadata = { title: "Queue" };

export default async function QueuePage() {
  await requirePagePermission("exceptions.read", "/queue");
  return (
    <>
      <PageHeader title="Exception queue" description="What needs attention first, ranked by expected money at risk, within your scope." />
      <ComingNext
        summary="The queue is filled by plan runs over the imported data. Plan runs and exception scoring are being built now; until then this page stays empty rather than showing invented figures."
        items={[
          "Exceptions ranked by score = money at risk × urgency × confidence, with each component shown",
          "Filters by type (stockout, excess, demand deviation, supplier delay, promotion readiness, inventory inaccuracy, forecast drift), region, store and category",
          "Root-cause summary and the numbers behind it for each exception",
          "Recommended actions with quantity, cost, benefit and the approval tier they need",
          "Triage: approve, modify, reject, snooze, assign, override forecast — each recorded in the audit log",
        ]}
      />
    </>
  );
}
