import { db } from "@/lib/server/db";
import { csvResponse } from "@/lib/server/governance/csv-response";
import { withPermission } from "@/lib/server/http/with-permission";
import { exportKpiChart } from "@/lib/server/kpis/export-kpi-chart";
import { getKpiDashboard } from "@/lib/server/kpis/get-kpi-dashboard";
import { ZKpiApiQuery } from "@/lib/contracts/kpis";

/** The dashboard's figures for a drill position and filters; `format=csv&chart=…` downloads one chart's data. */
export const GET = withPermission("dashboard.read", { query: ZKpiApiQuery }, async ({ query, user }) => {
  const { chart, format, ...position } = query;
  const dashboard = await getKpiDashboard(db, position, user);
  if (format === "json") return Response.json(dashboard);
  const { fileName, csv } = exportKpiChart(dashboard, chart);
  return csvResponse(fileName, csv);
});
