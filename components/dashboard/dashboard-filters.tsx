"use client";

import { usePathname, useRouter } from "next/navigation";
import { KPI_CHANNELS, KPI_PERIODS, type TKpiQuery } from "@/lib/contracts/kpis";

const CHANNEL_LABELS: Record<(typeof KPI_CHANNELS)[number], string> = { all: "All channels", stores: "Stores", online: "Online" };

/** Period, region, category and channel; each change is a new URL, so a view can be shared or bookmarked. */
export function DashboardFilters({ query, regions, categories }: { query: TKpiQuery; regions: string[]; categories: string[] }) {
  const router = useRouter();
  const pathname = usePathname();
  const go = (change: Partial<Record<"period" | "channel" | "region" | "category", string>>) => {
    const next = new URLSearchParams();
    const merged = { period: String(query.period), channel: query.channel, region: query.region ?? "", category: query.category ?? "", ...change };
    if (merged.period !== "28") next.set("period", merged.period);
    if (merged.channel !== "all") next.set("channel", merged.channel);
    if (merged.region) next.set("region", merged.region);
    // Changing the region leaves the store behind; the category filter and store stay otherwise.
    if (!("region" in change) && query.location) next.set("location", query.location);
    if (merged.category) next.set("category", merged.category);
    router.push(`${pathname}?${next.toString()}`);
  };
  const select = "rounded-md border border-slate-300 bg-white px-2 py-1 text-sm";
  return (
    <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Filters">
      <label className="text-xs text-slate-600">
        Period{" "}
        <select className={select} value={query.period} onChange={(e) => go({ period: e.target.value })}>
          {KPI_PERIODS.map((p) => (
            <option key={p} value={p}>
              Last {p} days
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs text-slate-600">
        Region{" "}
        <select className={select} value={query.region ?? ""} onChange={(e) => go({ region: e.target.value })}>
          <option value="">All regions</option>
          {regions.map((r) => (
            <option key={r} value={r}>
              {r}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs text-slate-600">
        Category{" "}
        <select className={select} value={query.category ?? ""} onChange={(e) => go({ category: e.target.value })}>
          <option value="">All categories</option>
          {categories.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      </label>
      <label className="text-xs text-slate-600">
        Channel{" "}
        <select className={select} value={query.channel} onChange={(e) => go({ channel: e.target.value })}>
          {KPI_CHANNELS.map((c) => (
            <option key={c} value={c}>
              {CHANNEL_LABELS[c]}
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
