"use client";

import { useInfiniteQuery, useMutation } from "@tanstack/react-query";
import { useId, useState } from "react";
import { formatDateTime } from "@/lib/contracts/format";
import {
  AUDIT_ACTIONS,
  AUDIT_GROUP_LABEL,
  auditActionLabel,
  auditActorLabel,
  auditReasonLabel,
  entityTypeLabel,
  type AuditChainVerification,
  type TAuditEventView,
  type TAuditFilterOptions,
  type TAuditPage,
  type UnverifiedApproval,
} from "@/lib/contracts/audit";
import { roleLabel } from "@/lib/contracts/permissions";
import { diffAuditRecord } from "./audit-diff";
import { apiFetch } from "@/components/ui/api-client";
import { auditFieldName, nameKey } from "@/lib/contracts/audit-names";
import { forecastOverrideIdOf } from "./override-value-added";
import { OverrideValueAddedPanel } from "./override-value-added-panel";

interface Filters {
  actorId: string;
  action: string;
  entityType: string;
  entityId: string;
  from: string;
  to: string;
  /** "people" by default: automatic rows and sign-ins only when asked for. */
  rows: "people" | "all";
}

const EMPTY_FILTERS: Filters = { actorId: "", action: "", entityType: "", entityId: "", from: "", to: "", rows: "people" };
const ACTION_GROUPS = [...new Set(AUDIT_ACTIONS.map((a) => a.split(".")[0]!))];

function queryString(filters: Filters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries({ ...filters, ...extra })) if (value) params.set(key, value);
  return params.toString();
}

/** Numbers to the precision anyone reads them in: at most two decimals. */
const roundForReading = (_key: string, value: unknown) => (typeof value === "number" && !Number.isInteger(value) ? Math.round(value * 100) / 100 : value);

function show(value: unknown): string {
  if (value === undefined) return "—";
  if (typeof value === "string") return value;
  if (typeof value === "number") return value.toLocaleString("en-US", { maximumFractionDigits: 2 });
  return JSON.stringify(value, roundForReading);
}

/** A before/after cell: the record's name where the value is an id the page can name, the value otherwise. */
function DiffValue({ names, path, value }: { names: Record<string, string>; path: string; value: unknown }) {
  const name = auditFieldName(names, path, value);
  if (!name) return <>{show(value)}</>;
  return (
    <span className="font-sans" title={String(value)}>
      {name}
    </span>
  );
}

export function AuditLog({ initial, options }: { initial: TAuditPage; options: TAuditFilterOptions }) {
  const id = useId();
  const [draft, setDraft] = useState<Filters>(EMPTY_FILTERS);
  const [filters, setFilters] = useState<Filters>(EMPTY_FILTERS);
  const [openSeq, setOpenSeq] = useState<number | null>(null);
  const pages = useInfiniteQuery({
    queryKey: ["audit", filters],
    queryFn: ({ pageParam }) =>
      apiFetch<TAuditPage>(`/api/v1/audit?${queryString(filters, pageParam ? { beforeSeq: String(pageParam) } : {})}`),
    initialPageParam: 0,
    getNextPageParam: (last) => last.nextBeforeSeq ?? undefined,
    initialData: filters === EMPTY_FILTERS ? { pages: [initial], pageParams: [0] } : undefined,
  });
  const verify = useMutation({ mutationFn: () => apiFetch<AuditChainVerification & { unverifiedApprovals: UnverifiedApproval[] }>("/api/v1/audit/verify") });
  const events = pages.data?.pages.flatMap((p) => p.events) ?? [];
  const names = Object.assign({}, ...(pages.data?.pages.map((p) => p.names) ?? [])) as Record<string, string>;
  const field = (key: keyof Filters) => ({
    id: `${id}-${key}`,
    value: draft[key],
    onChange: (e: { target: { value: string } }) => setDraft((d) => ({ ...d, [key]: e.target.value })),
  });

  return (
    <div className="space-y-4">
      <form
        className="card flex flex-wrap items-end gap-3 p-4"
        aria-label="Filter the audit log"
        onSubmit={(e) => {
          e.preventDefault();
          setFilters({ ...draft });
          setOpenSeq(null);
        }}
      >
        <div>
          <label htmlFor={`${id}-actorId`} className="field-label">Who</label>
          <select className="field-input w-48" {...field("actorId")}>
            <option value="">Anyone</option>
            {options.actors.map((a) => (
              <option key={a.id} value={a.id}>
                {a.name} ({roleLabel(a.role)})
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-action`} className="field-label">What</label>
          <select className="field-input w-52" {...field("action")}>
            <option value="">Any action</option>
            {ACTION_GROUPS.map((group) => (
              <optgroup key={group} label={AUDIT_GROUP_LABEL[group] ?? group}>
                <option value={group}>All: {(AUDIT_GROUP_LABEL[group] ?? group).toLowerCase()}</option>
                {AUDIT_ACTIONS.filter((a) => a.startsWith(`${group}.`)).map((a) => (
                  <option key={a} value={a}>
                    {auditActionLabel(a)}
                  </option>
                ))}
              </optgroup>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-entityType`} className="field-label">Entity</label>
          <select className="field-input w-44" {...field("entityType")}>
            <option value="">Any entity</option>
            {options.entityTypes.map((t) => (
              <option key={t} value={t}>
                {entityTypeLabel(t)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-entityId`} className="field-label">Entity id</label>
          <input className="field-input w-48 font-mono" placeholder="exact id" {...field("entityId")} />
        </div>
        <div>
          <label htmlFor={`${id}-from`} className="field-label">From</label>
          <input type="date" className="field-input" {...field("from")} />
        </div>
        <div>
          <label htmlFor={`${id}-to`} className="field-label">To</label>
          <input type="date" className="field-input" {...field("to")} />
        </div>
        <label className="flex h-9 items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            className="h-4 w-4"
            checked={draft.rows === "all"}
            onChange={(e) => setDraft((d) => ({ ...d, rows: e.target.checked ? "all" : "people" }))}
          />
          Include automatic rows and sign-ins
        </label>
        <div className="flex gap-2">
          <button type="submit" className="btn-primary">Apply</button>
          <button
            type="button"
            className="btn-ghost"
            onClick={() => {
              setDraft(EMPTY_FILTERS);
              setFilters(EMPTY_FILTERS);
            }}
          >
            Clear
          </button>
        </div>
        <div className="ml-auto flex items-center gap-2">
          <a className="btn-secondary" href={`/api/v1/audit?${queryString(filters, { format: "csv" })}`} download>
            Export CSV
          </a>
          <button type="button" className="btn-secondary" disabled={verify.isPending} onClick={() => verify.mutate()}>
            {verify.isPending ? "Verifying…" : "Verify chain"}
          </button>
        </div>
      </form>

      {verify.data ? (
        <p
          role={verify.data.status === "intact" ? "status" : "alert"}
          className={`rounded-md border px-3 py-2 text-sm ${verify.data.status === "intact" ? "border-emerald-200 bg-emerald-50 text-emerald-900" : "border-red-200 bg-red-50 text-red-900"}`}
        >
          {verify.data.status === "intact"
            ? `Chain intact: all ${verify.data.records} records match their keyed hashes and links` +
              (verify.data.checkpoint
                ? `, checked against the checkpoint of record ${verify.data.checkpoint.seq} signed ${formatDateTime(verify.data.checkpoint.at)}.`
                : "; no signed checkpoint yet, so deleted newest records could not be detected.")
            : `Chain broken (${verify.data.kind}) at record #${verify.data.firstBrokenSeq}: ${verify.data.reason} Records from there on cannot be trusted.`}
        </p>
      ) : null}
      {verify.data && verify.data.unverifiedApprovals.length > 0 ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          <p>
            {verify.data.unverifiedApprovals.length} approved action(s) are not backed by a verifying decision and audit record; they are
            refused from the ERP export:
          </p>
          <ul className="mt-1 list-disc pl-5">
            {verify.data.unverifiedApprovals.slice(0, 20).map((u) => (
              <li key={u.recommendationId}>
                <span className="font-mono">{u.recommendationId}</span> ({u.status}): {u.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {verify.error || pages.error ? (
        <p role="alert" className="text-sm text-red-800">{(verify.error ?? pages.error)?.message}</p>
      ) : null}

      <div className="card overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Audit records, newest first</caption>
          <thead className="bg-slate-50 text-xs text-slate-600">
            <tr className="border-b border-slate-200">
              <th scope="col" className="px-3 py-2 font-medium">#</th>
              <th scope="col" className="px-3 py-2 font-medium">When</th>
              <th scope="col" className="px-3 py-2 font-medium">Who</th>
              <th scope="col" className="px-3 py-2 font-medium">What</th>
              <th scope="col" className="px-3 py-2 font-medium">Entity</th>
              <th scope="col" className="px-3 py-2 font-medium">Reason</th>
            </tr>
          </thead>
          <tbody>
            {events.length === 0 && !pages.isFetching ? (
              <tr>
                <td colSpan={6} className="px-3 py-8 text-center text-slate-600">No audit records match these filters.</td>
              </tr>
            ) : null}
            {events.map((event) => (
              <AuditRow key={event.seq} event={event} names={names} open={openSeq === event.seq} onToggle={() => setOpenSeq(openSeq === event.seq ? null : event.seq)} />
            ))}
          </tbody>
        </table>
      </div>
      {pages.hasNextPage ? (
        <button type="button" className="btn-secondary" disabled={pages.isFetchingNextPage} onClick={() => void pages.fetchNextPage()}>
          {pages.isFetchingNextPage ? "Loading…" : "Load older records"}
        </button>
      ) : null}
    </div>
  );
}

function AuditRow({ event, names, open, onToggle }: { event: TAuditEventView; names: Record<string, string>; open: boolean; onToggle: () => void }) {
  const entityName = event.entityId ? names[nameKey(event.entityType, event.entityId)] : undefined;
  const diff = open ? diffAuditRecord(event.before, event.after) : [];
  const overrideId = open ? forecastOverrideIdOf(event) : null;
  const actor = auditActorLabel(event);
  return (
    <>
      <tr className={`border-b border-slate-100 align-top ${open ? "bg-brand-50" : ""}`}>
        <td className="px-3 py-2 font-mono text-xs text-slate-600">{event.seq}</td>
        <td className="whitespace-nowrap px-3 py-2 text-slate-800">{formatDateTime(event.at)}</td>
        <td className="px-3 py-2">
          {actor.isId ? <span className="font-mono text-xs">{actor.name}</span> : actor.name}
          {actor.detail ? <span className="block text-xs text-slate-600">{actor.detail}</span> : null}
        </td>
        <td className="px-3 py-2">
          <button type="button" className="text-left font-medium text-brand-700 underline-offset-2 hover:underline" aria-expanded={open} onClick={onToggle}>
            {auditActionLabel(event.action)}
          </button>
        </td>
        <td className="px-3 py-2">
          {entityTypeLabel(event.entityType)}
          {entityName ? (
            <span className="block max-w-64 text-xs text-slate-700" title={event.entityId ?? undefined}>
              {entityName}
            </span>
          ) : event.entityId ? (
            <span className="block max-w-48 truncate font-mono text-xs text-slate-600">{event.entityId}</span>
          ) : null}
        </td>
        <td className="max-w-sm px-3 py-2 text-slate-700">{event.reason ? auditReasonLabel(event.reason) : "—"}</td>
      </tr>
      {open ? (
        <tr className="border-b border-slate-200 bg-slate-50">
          <td colSpan={6} className="px-3 py-3">
            <dl className="mb-3 grid grid-cols-2 gap-x-6 gap-y-1 text-xs text-slate-700 md:grid-cols-4">
              <div><dt className="text-slate-500">Plan run</dt><dd className="font-mono">{event.planRunId ?? "—"}</dd></div>
              <div><dt className="text-slate-500">Policy version</dt><dd>{event.policyVersion ?? "—"}</dd></div>
              <div><dt className="text-slate-500">Origin</dt><dd>{event.origin ?? "—"}</dd></div>
              <div><dt className="text-slate-500">Hash</dt><dd className="truncate font-mono" title={event.hash}>{event.hash.slice(0, 16)}…</dd></div>
            </dl>
            {overrideId ? <OverrideValueAddedPanel overrideId={overrideId} /> : null}
            {diff.length === 0 ? (
              <p className="text-sm text-slate-600">No before → after values recorded.</p>
            ) : (
              <table className="w-full text-left text-xs">
                <caption className="sr-only">Before and after</caption>
                <thead className="text-slate-600">
                  <tr>
                    <th scope="col" className="py-1 pr-3 font-medium">Field</th>
                    <th scope="col" className="py-1 pr-3 font-medium">Before</th>
                    <th scope="col" className="py-1 font-medium">After</th>
                  </tr>
                </thead>
                <tbody className="font-mono">
                  {diff.map((row) => (
                    <tr key={row.path} className="border-t border-slate-200 align-top">
                      <td className="py-1 pr-3 text-slate-800">{row.path}</td>
                      <td className={`py-1 pr-3 break-all ${row.change === "added" ? "text-slate-400" : "bg-red-50 text-red-900"}`}>
                        <DiffValue names={names} path={row.path} value={row.before} />
                      </td>
                      <td className={`py-1 break-all ${row.change === "removed" ? "text-slate-400" : "bg-emerald-50 text-emerald-900"}`}>
                        <DiffValue names={names} path={row.path} value={row.after} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </td>
        </tr>
      ) : null}
    </>
  );
}
