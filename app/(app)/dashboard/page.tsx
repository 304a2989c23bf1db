import type { Metadata } from "next";
import { DashboardView } from "@/components/dashboard/dashboard-view";
import { formatDate } from "@/lib/contracts/format";
import { PageHeader } from "@/components/ui/page-header";
import { requirePagePermission } from "@/lib/server/auth/require-page-user";
import { db } from "@/lib/server/db";
import { getKpiDashboard } from "@/lib/server/kpis/get-kpi-dashboard";
import { ZKpiQuery } from "@/lib/contracts/kpis";
import { getLatestDecisionQuality } from "@/lib/server/simulation/get-latest-decision-quality";

export const metadata: Metadata = { title: "Dashboard" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function DashboardPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePagePermission("dashboard.read", "/dashboard");
  const raw = await searchParams;
  const single = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  // A hand-edited URL with a bad filter shows the default view rather than an error page.
  const parsed = ZKpiQuery.safeParse(single);
  const [dashboard, decisionQuality] = await Promise.all([getKpiDashboard(db, parsed.success ? parsed.data : ZKpiQuery.parse({}), user), getLatestDecisionQuality(db)]);
  return (
    <>
      <PageHeader
        title="Dashboard"
        description={dashboard.asOf ? `KPIs as of ${formatDate(dashboard.asOf)}, computed from the data and decision history at the last plan run.` : "KPIs computed from the data and decision history."}
      />
      <DashboardView dashboard={dashboard} decisionQuality={decisionQuality} />
    </>
  );
}
