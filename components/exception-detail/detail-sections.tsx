import { formatDate, formatDateTime, formatSalesThrough, formatUnits } from "@/lib/contracts/format";
import { labelOf } from "@/components/ui/labels";
import { ACTION_TYPE_LABEL, REASON_CODE_LABEL } from "@/lib/contracts/governance";
import type { TExceptionDetail, TExceptionDriver } from "@/lib/contracts/exceptions";
import { roleLabel } from "@/lib/contracts/permissions";

export function Section({ title, children, actions, id }: { title: string; children: React.ReactNode; actions?: React.ReactNode; id: string }) {
  return (
    <section aria-labelledby={id} className="card overflow-hidden">
      <div className="flex h-10 items-center justify-between border-b border-slate-200 px-4">
        <h2 id={id} className="text-sm font-semibold text-slate-900">
          {title}
        </h2>
        {actions}
      </div>
      {children}
    </section>
  );
}

function DriverRow({ driver }: { driver: TExceptionDriver }) {
  return (
    <div className="flex items-baseline justify-between gap-4 py-1.5 [overflow-wrap:anywhere]">
      {/* The label names what the driver is about; its code (PO number, promotion or supplier code) is for cross-checking in the ERP. */}
      <dt className="min-w-0 text-slate-700" title={driver.reference ? `Reference: ${driver.reference}` : undefined}>
        {driver.label}
      </dt>
      <dd className="shrink-0 font-medium tabular-nums text-slate-900">
        {driver.text}
      </dd>
    </div>
  );
}

export function RootCause({ detail }: { detail: TExceptionDetail }) {
  return (
    <Section title="Why this needs attention" id="root-cause-title">
      <div className="px-4 py-3">
        <p className="text-[15px] leading-relaxed text-slate-900 [overflow-wrap:anywhere]" data-testid="root-cause-summary">
          {detail.summary}
        </p>
        {detail.drivers.length > 0 ? (
          <dl aria-label="Drivers" className="mt-3 divide-y divide-slate-100 border-t border-slate-100 text-sm">
            {detail.drivers.map((driver) => (
              <DriverRow key={driver.key} driver={driver} />
            ))}
          </dl>
        ) : null}
      </div>
    </Section>
  );
}

function TraceRow({ label, value, mono = false }: { label: string; value: string; mono?: boolean }) {
  return (
    <div className="flex items-baseline justify-between gap-3 py-1">
      <dt className="shrink-0 text-slate-600">{label}</dt>
      <dd className={`min-w-0 truncate text-right text-slate-900 ${mono ? "font-mono text-xs" : ""}`} title={value}>
        {value}
      </dd>
    </div>
  );
}

export function Trace({ detail }: { detail: TExceptionDetail }) {
  const t = detail.trace;
  return (
    <Section title="Trace" id="trace-title">
      <dl className="divide-y divide-slate-100 px-4 py-2 text-sm">
        <TraceRow label="Plan run" value={t.planRunId} mono />
        <TraceRow label="Plan for" value={formatDate(t.asOf)} />
        <TraceRow label="Sales through" value={formatSalesThrough(t.asOf)} />
        <TraceRow label="Run finished" value={formatDateTime(t.planRunFinishedAt)} />
        <TraceRow label="Input hash" value={t.inputHash ? t.inputHash.slice(0, 16) : "—"} mono />
        <TraceRow label="Engine version" value={t.engineVersion ?? "—"} mono />
        <TraceRow label="Policy version" value={t.policyVersion === null ? "—" : `v${t.policyVersion}`} />
        <TraceRow label="First raised by run" value={t.firstRunId} mono />
        {t.engineExceptionId ? <TraceRow label="Engine key" value={t.engineExceptionId} mono /> : null}
      </dl>
    </Section>
  );
}

interface HistoryEntry {
  key: string;
  at: string;
  who: string;
  what: string;
  detail: string | null;
}

const AUDIT_VERB: Record<string, string> = {
  "exception.raised": "raised the exception",
  "exception.reraised": "raised it again",
  "exception.closed": "closed the exception",
  "exception.snoozed": "snoozed",
  "exception.assigned": "changed the assignee",
  "exception.commented": "commented",
  "forecast.overridden": "overrode the forecast",
  "forecast.changed_by_approval": "changed the forecast by the approved recommendation",
};

/** An approved forecast change's record, in words: "12.4 units/day from 2 Dec 2026 to 15 Dec 2026 (+4.3 a day)". */
function approvedForecastChangeDetail(after: unknown): string | null {
  const change = after as Partial<Record<"dailyUnits" | "dailyChange", number> & Record<"startDate" | "endDate", string>> | null;
  if (!change || typeof change.dailyUnits !== "number" || typeof change.dailyChange !== "number" || !change.startDate || !change.endDate) return null;
  const sign = change.dailyChange >= 0 ? "+" : "−";
  return `${formatUnits(change.dailyUnits)} units/day from ${formatDate(change.startDate)} to ${formatDate(change.endDate)} (${sign}${formatUnits(Math.abs(change.dailyChange))} a day)`;
}

const DECISION_VERB: Record<string, (action: string) => string> = {
  route: (action) => `routed the ${action} for approval`,
  auto_approve: (action) => `auto-approved the ${action}`,
  approve: (action) => `approved the ${action}`,
  modify: (action) => `changed the quantity of the ${action}`,
  reject: (action) => `rejected the ${action}`,
  supersede: (action) => `superseded the ${action} with a newer plan`,
  expire: (action) => `let the ${action} expire`,
  export: (action) => `exported the ${action} to the ERP`,
};

/** A label inside a sentence: lower case, except abbreviations such as "PO". */
const inSentence = (label: string) => label.split(" ").map((word) => (word.length > 1 && word === word.toUpperCase() ? word : word.toLowerCase())).join(" ");

function historyEntries(detail: TExceptionDetail): HistoryEntry[] {
  const decisions = detail.history.decisions.map((d) => ({
    key: `d-${d.id}`,
    at: d.createdAt,
    who: d.actor.id ? `${d.actor.name} (${roleLabel(d.actor.role)})` : d.actor.name,
    what: (DECISION_VERB[d.kind] ?? ((action: string) => `${d.kind.replaceAll("_", " ")} ${action}`))(inSentence(ACTION_TYPE_LABEL[d.actionType])),
    detail:
      [
        d.quantityBefore !== null && d.quantityAfter !== null && d.quantityBefore !== d.quantityAfter ? `${formatUnits(d.quantityBefore)} → ${formatUnits(d.quantityAfter)} units` : null,
        d.reasonCode ? labelOf(REASON_CODE_LABEL, d.reasonCode) : null,
        d.comment,
      ]
        .filter(Boolean)
        .join(" · ") || null,
  }));
  const audit = detail.history.audit.map((a) => ({
    key: `a-${a.seq}`,
    at: a.at,
    who: a.actor.role ? `${a.actor.name} (${roleLabel(a.actor.role)})` : a.actor.name,
    what: AUDIT_VERB[a.action] ?? (a.action.split(".").pop() ?? a.action).replaceAll("_", " "),
    detail: a.action === "forecast.changed_by_approval" ? approvedForecastChangeDetail(a.after) : a.reason,
  }));
  return [...decisions, ...audit].sort((x, y) => y.at.localeCompare(x.at));
}

export function History({ detail }: { detail: TExceptionDetail }) {
  const entries = historyEntries(detail);
  return (
    <Section title="History" id="history-title">
      {entries.length === 0 ? (
        <p className="px-4 py-3 text-sm text-slate-600">No decisions yet.</p>
      ) : (
        <ol className="divide-y divide-slate-100 text-sm">
          {entries.map((entry) => (
            <li key={entry.key} className="flex gap-3 px-4 py-2">
              <time dateTime={entry.at} className="w-36 shrink-0 tabular-nums text-xs leading-5 text-slate-600">
                {formatDateTime(entry.at)}
              </time>
              <p className="min-w-0 text-slate-800">
                <span className="font-medium text-slate-900">{entry.who}</span> {entry.what}
                {entry.detail ? <span className="block text-xs text-slate-600">{entry.detail}</span> : null}
              </p>
            </li>
          ))}
        </ol>
      )}
    </Section>
  );
}
