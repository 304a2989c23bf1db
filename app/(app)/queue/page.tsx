import type { Metadata } from "next";
import { PageHeader } from "@/components/ui/page-header";
import { loadQueueOptions } from "@/lib/server/exceptions/load-queue-options";
import { workbenchViewerFor } from "@/components/queue/queue-options";
import { QueueWorkbench } from "@/components/queue/queue-workbench";
import { requirePagePermission } from "@/lib/server/auth/require-page-user";
import { db } from "@/lib/server/db";

export const metadata: Metadata = { title: "Queue" };

export default async function QueuePage() {
  const user = await requirePagePermission("exceptions.read", "/queue");
  const options = await loadQueueOptions(db, user);
  return (
    <>
      <PageHeader title="Exception queue" description="What needs attention first, ranked by score: money at risk × urgency × confidence, within your scope." />
      <QueueWorkbench
        viewer={workbenchViewerFor(user)}
        options={options}
      />
    </>
  );
}
