import type { Metadata } from "next";
import { ComingNext } from "@/components/coming-next";
import { PageHeader } from "@/components/page-header";
import { requirePagePermission } from "@/lib/server/auth/require-page-user";

export const metadata: Metadata = { title: "Dashboard" };

export default async function DashboardPage() {
  await requirePagePermission("dashboard.read", "/dashboard");
  return (
    <>
      <PageHeader title="Dashboard" description="KPIs with drill-down, each with its written definition." />
      <ComingNext
        summary="KPIs are computed from imported data and plan runs. They will appear here once plan runs exist; no figure is shown before it can be computed from your data."
        items={[
          "Forecast accuracy (WAPE, MASE) and bias; forecast value added of overrides",
          "In-stock %, fill rate, estimated lost sales",
          "Inventory turns, weeks of cover, excess inventory value, markdown exposure, working capital at cost",
          "Exception volume, ageing and time to resolve; approval cycle time; share of actions automated",
          "Drill-down by region, store and category",
        ]}
      />
    </>
  );
}
