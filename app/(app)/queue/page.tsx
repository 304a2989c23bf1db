import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { QueueWorkbench } from "@/components/queue/queue-workbench";
import { requirePagePermission } from "@/lib/server/auth/require-page-user";
import { db } from "@/lib/server/db";
import { can } from "@/lib/server/permissions/permissions";
import { loadQueueOptions } from "./load-queue-options";

export const metadata: Metadata = { title: "Queue" };

export default async function QueuePage() {
  const user = await requirePagePermission("exceptions.read", "/queue");
  const options = await loadQueueOptions(db, user);
  return (
    <>
      <PageHeader title="Exception queue" description="What needs attention first, ranked by score: money at risk × urgency × confidence, within your scope." />
      <QueueWorkbench
        viewer={{
          id: user.id,
          name: user.name,
          canTriage: can(user.role, "exceptions.triage"),
          canApprove: can(user.role, "decisions.approve"),
          canReadPlanRuns: can(user.role, "plan_runs.read"),
          canStartPlanRun: can(user.role, "plan_runs.create"),
        }}
        options={options}
      />
    </>
  );
}
