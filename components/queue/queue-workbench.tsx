"use client";

import { PlanRunStrip } from "@/components/plan-runs/plan-run-strip";
import type { TSupplierScorecards } from "@/lib/contracts/suppliers";
import { ExceptionQueue } from "./exception-queue";
import type { QueueOptions } from "@/lib/contracts/exceptions";
import type { WorkbenchViewer } from "@/components/queue/queue-options";
import { Toaster } from "@/components/ui/toaster";

export function QueueWorkbench({ viewer, options, suppliers }: { viewer: WorkbenchViewer; options: QueueOptions; suppliers: TSupplierScorecards | null }) {
  return (
    <Toaster>
      {viewer.canReadPlanRuns ? <PlanRunStrip canStart={viewer.canStartPlanRun} /> : null}
      <ExceptionQueue viewer={viewer} options={options} suppliers={suppliers} />
    </Toaster>
  );
}
