import "server-only";
import { encodeCsv } from "../governance/encode-csv";
import { DRIFT_GROUPINGS, type KpiDashboard, type TKpiChart } from "../../contracts/kpis";

/** One chart's data as CSV: exactly the rows the chart draws, with the drill position in the file name. */
export function exportKpiChart(dashboard: KpiDashboard, chart: TKpiChart): { fileName: string; csv: string } {
  const position = [dashboard.query.region, dashboard.query.location, dashboard.query.category, dashboard.query.sku].filter(Boolean).join("-");
  const fileName = `stockpilot-${chart}${position ? `-${position}` : ""}-${dashboard.asOf ?? "none"}.csv`.replace(/[^A-Za-z0-9._-]/g, "_");
  switch (chart) {
    case "service":
      return { fileName, csv: encodeCsv(["day", "inStock", "fillRate", "lostSales", "revenue"], dashboard.service) };
    case "inventory":
      return { fileName, csv: encodeCsv(["asOf", "source", "workingCapital", "excessValue", "markdownExposure", "weeksOfCover"], dashboard.inventory) };
    case "accuracy":
      return { fileName, csv: encodeCsv(["weekStart", "source", "wape", "mase", "bias"], dashboard.accuracy) };
    case "breakdown":
      return {
        fileName,
        csv: encodeCsv(["key", "label", "revenue", "demandUnits", "inStock", "fillRate", "lostSales", "workingCapital", "weeksOfCover", "excessValue", "wape", "bias"], dashboard.breakdown),
      };
    case "model-mix":
      return { fileName, csv: encodeCsv(["method", "series", "share", "wape", "bias", "source"], dashboard.modelMix) };
    case "drift": {
      const rows = DRIFT_GROUPINGS.flatMap((by) => dashboard.drift.groups[by].map(({ queueSearch: _link, ...row }) => ({ by, ...row })));
      return { fileName, csv: encodeCsv(["by", "key", "label", "findings", "belowValueBar", "inQueue", "locations", "moneyAtRisk"], rows) };
    }
    case "fva": {
      const rows = [
        ...dashboard.fva.byPlanner.map((r) => ({ by: "planner", ...r })),
        ...dashboard.fva.byCategory.map((r) => ({ by: "category", ...r })),
        ...dashboard.fva.byReason.map((r) => ({ by: "reason", ...r })),
      ];
      return { fileName, csv: encodeCsv(["by", "group", "overrides", "measured", "valueAddedUnits", "valueAddedShare"], rows) };
    }
    case "outcomes":
      return { fileName, csv: encodeCsv(["approved", "protected", "missed", "pending", "valueProtected"], [dashboard.outcomes]) };
  }
}
