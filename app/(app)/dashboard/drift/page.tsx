import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { DriftSeriesTable } from "@/components/dashboard/drift-series-table";
import { PageHeader } from "@/components/ui/page-header";
import { DRIFT_GROUPING_LABEL, ZDriftSeriesQuery } from "@/lib/contracts/kpis";
import { formatDate } from "@/lib/contracts/format";
import { requirePagePermission } from "@/lib/server/auth/require-page-user";
import { db } from "@/lib/server/db";
import { listDriftSeries } from "@/lib/server/kpis/list-drift-series";
import { drillQuery, resolveKpiSegment } from "@/lib/server/kpis/resolve-kpi-segment";

export const metadata: Metadata = { title: "Forecast drift" };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/** One dashboard drift group's drifting series, within the dashboard's segment and the viewer's scope. */
export default async function DriftSeriesPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePagePermission("dashboard.read", "/dashboard");
  const raw = await searchParams;
  const single = Object.fromEntries(Object.entries(raw).map(([key, value]) => [key, Array.isArray(value) ? value[0] : value]));
  const parsed = ZDriftSeriesQuery.safeParse(single);
  if (!parsed.success) notFound();
  const query = parsed.data;
  const segment = await resolveKpiSegment(db, query, user);
  const result = await listDriftSeries(db, segment, query.by, query.key);
  if (result.status === "not-found") notFound();
  const dashboardHref = `/dashboard?${drillQuery(query, query)}`;
  const where = segment.crumbs.map((crumb) => crumb.label).join(" › ");
  const back = (
    <Link href={dashboardHref} className="btn-secondary">
      Back to the dashboard
    </Link>
  );
  if (result.status === "no-record") {
    return (
      <>
        <PageHeader title="Forecast drift" actions={back} />
        <p className="text-sm text-slate-600">No drift record yet: the next plan run of the whole network writes one.</p>
      </>
    );
  }
  const { list } = result;
  return (
    <>
      <PageHeader
        title={`Forecast drift: ${list.label}`}
        description={`${DRIFT_GROUPING_LABEL[list.grouping]} drift group · ${where} · plan of ${formatDate(list.asOf)}. Every drifting series of the group, below the value bar or not.`}
        actions={back}
      />
      <DriftSeriesTable list={list} />
    </>
  );
}
