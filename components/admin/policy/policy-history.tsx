"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { diffAuditRecord } from "@/components/audit/audit-diff";
import { formatDateTime, formatMoney } from "@/lib/contracts/format";
import { labelOf } from "@/components/ui/labels";
import { ACTION_TYPE_LABEL, TIER_LABEL } from "@/lib/contracts/governance";
import { apiFetch } from "@/components/ui/api-client";
import type { PolicyVersionWithRules } from "./policy-api";
import { fieldLabel } from "./policy-form-state";

const actionLabel = (t: string) => labelOf(ACTION_TYPE_LABEL, t);

const MONEY_PATHS = new Set(["autoApproval.maxValue", "tierLimits.planner", "tierLimits.manager"]);

function show(path: string, value: unknown): string {
  if (value === undefined) return "—";
  if (path.startsWith("minimumTier.") && typeof value === "string") return `at least ${labelOf(TIER_LABEL, value).toLowerCase()}`;
  if (typeof value === "number") return MONEY_PATHS.has(path) ? formatMoney(value) : value.toLocaleString("en");
  if (Array.isArray(value)) return value.length === 0 ? "(none)" : value.map((v) => (typeof v === "string" ? actionLabel(v) : JSON.stringify(v))).join(", ");
  if (typeof value === "object" && value !== null && Object.keys(value).length === 0) return "(none)";
  return typeof value === "string" ? value : JSON.stringify(value);
}

/** For a changed list (a set), what joined and what left it, so a long list need not be compared by eye. */
function ListChange({ before, after }: { before: unknown; after: unknown }) {
  if (!Array.isArray(before) || !Array.isArray(after)) return null;
  const text = (v: unknown) => (typeof v === "string" ? actionLabel(v) : JSON.stringify(v));
  const had = new Set(before.map((v) => JSON.stringify(v)));
  const has = new Set(after.map((v) => JSON.stringify(v)));
  const added = after.filter((v) => !had.has(JSON.stringify(v))).map(text);
  const removed = before.filter((v) => !has.has(JSON.stringify(v))).map(text);
  return (
    <span className="mt-0.5 block text-xs text-slate-700">
      {added.length > 0 ? `added ${added.join(", ")}` : ""}
      {added.length > 0 && removed.length > 0 ? "; " : ""}
      {removed.length > 0 ? `removed ${removed.join(", ")}` : ""}
    </span>
  );
}

/** Every version, newest first; selecting one shows what it changed against its predecessor. */
export function PolicyHistory({ currentVersion }: { currentVersion: number }) {
  const id = useId();
  const query = useQuery({
    queryKey: ["policy-versions"],
    queryFn: () => apiFetch<{ versions: PolicyVersionWithRules[] }>("/api/v1/policy/versions"),
  });
  const [selected, setSelected] = useState<number | null>(null);
  const versions = query.data?.versions ?? [];
  const shown = selected ?? versions[0]?.version ?? null;
  const index = versions.findIndex((v) => v.version === shown);
  const version = index >= 0 ? versions[index] : undefined;
  const predecessor = index >= 0 ? versions[index + 1] : undefined;

  return (
    <section aria-labelledby={`${id}-title`} className="card">
      <div className="border-b border-slate-200 px-4 py-3">
        <h2 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
          Version history
        </h2>
        <p className="text-sm text-slate-600">Choose a version to see what it changed against the one before it.</p>
      </div>
      {query.isPending ? (
        <p role="status" className="px-4 py-6 text-sm text-slate-600">
          Loading the version history…
        </p>
      ) : query.error ? (
        <div role="alert" className="flex items-center gap-3 px-4 py-6 text-sm text-red-800">
          Could not load the version history: {query.error.message}
          <button type="button" className="btn-secondary" onClick={() => void query.refetch()}>
            Try again
          </button>
        </div>
      ) : versions.length === 0 ? (
        <p className="px-4 py-6 text-sm text-slate-600">No policy versions have been saved yet.</p>
      ) : (
        <div className="grid md:grid-cols-[minmax(16rem,22rem)_1fr]">
          <ul aria-label="Policy versions, newest first" className="border-b border-slate-200 md:border-r md:border-b-0">
            {versions.map((v) => {
              const active = v.version === shown;
              return (
                <li key={v.version} className="border-b border-slate-100 last:border-b-0">
                  <button
                    type="button"
                    aria-pressed={active}
                    aria-controls={`${id}-diff`}
                    className={`block w-full px-4 py-2 text-left text-sm hover:bg-slate-50 ${active ? "bg-brand-50" : ""}`}
                    onClick={() => setSelected(v.version)}
                  >
                    <span className="flex items-center gap-2 font-medium text-slate-900">
                      Version {v.version}
                      {v.version === currentVersion ? <span className="badge bg-emerald-50 text-emerald-800">in force</span> : null}
                    </span>
                    <span className="block text-xs text-slate-600">
                      {formatDateTime(v.createdAt)} · {v.createdBy ?? "System"}
                    </span>
                    {v.note ? <span className="mt-0.5 block truncate text-xs text-slate-700">{v.note}</span> : null}
                  </button>
                </li>
              );
            })}
          </ul>
          <div id={`${id}-diff`} className="min-w-0 p-4" aria-live="polite">
            {version ? <VersionDiff version={version} predecessor={predecessor} /> : null}
          </div>
        </div>
      )}
    </section>
  );
}

function VersionDiff({ version, predecessor }: { version: PolicyVersionWithRules; predecessor: PolicyVersionWithRules | undefined }) {
  const rows = diffAuditRecord(predecessor?.rules ?? null, version.rules);
  return (
    <div className="space-y-3">
      <div>
        <h3 className="text-sm font-semibold text-slate-900">
          {predecessor ? `Version ${predecessor.version} → ${version.version}` : `Version ${version.version} (first version)`}
        </h3>
        <p className="text-sm text-slate-700">
          {version.createdBy ?? "System"}, {formatDateTime(version.createdAt)}
          {version.note ? <>: “{version.note}”</> : null}
        </p>
      </div>
      {rows.length === 0 ? (
        <p className="text-sm text-slate-600">No rule changed in this version.</p>
      ) : (
        <div className="overflow-x-auto">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Rules before and after version {version.version}</caption>
            <thead className="text-xs text-slate-600">
              <tr>
                <th scope="col" className="py-1 pr-3 font-medium">Rule</th>
                <th scope="col" className="py-1 pr-3 font-medium">Before</th>
                <th scope="col" className="py-1 font-medium">After</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((row) => (
                <tr key={row.path} className="border-t border-slate-200 align-top">
                  <th scope="row" className="py-1.5 pr-3 font-normal text-slate-800">
                    {fieldLabel(row.path, actionLabel)}
                  </th>
                  <td className={`py-1.5 pr-3 break-words tabular-nums ${row.change === "added" ? "text-slate-600" : "bg-red-50 text-red-900"}`}>
                    {row.change === "added" ? "(not set)" : show(row.path, row.before)}
                  </td>
                  <td className={`py-1.5 break-words tabular-nums ${row.change === "removed" ? "text-slate-600" : "bg-emerald-50 text-emerald-900"}`}>
                    {row.change === "removed" ? "(not set)" : show(row.path, row.after)}
                    <ListChange before={row.before} after={row.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
