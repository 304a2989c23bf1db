import { formatDateTime, formatInt, formatRelative } from "@/lib/contracts/format";
import type { DataCoverage, DataStatus, DataStatusBatch } from "@/lib/contracts/imports";
import { coverageDetails } from "@/components/app-shell/data-coverage";

/** File and column names in an import error are the file's own words: shown as code, the rest as prose. */
function withFileNamesAsCode(message: string) {
  return message.split(/([\w.-]+\.csv|(?<=column )[\w.-]+)/).map((part, i) => (i % 2 === 1 ? <code key={i} className="font-mono">{part}</code> : part));
}

function StatusBadge({ status }: { status: string }) {
  const styles: Record<string, string> = {
    succeeded: "bg-emerald-100 text-emerald-900",
    failed: "bg-red-100 text-red-900",
    running: "bg-sky-100 text-sky-900",
  };
  const label: Record<string, string> = { succeeded: "Succeeded", failed: "Failed", running: "Running" };
  return <span className={`badge ${styles[status] ?? "bg-slate-100 text-slate-800"}`}>{label[status] ?? status}</span>;
}

function who(batch: DataStatusBatch) {
  return batch.importedBy ?? "unknown user";
}

/** Which files were imported, when, by whom, how many rows, and how recent attempts ended. */
/** "purchase_orders" → "Purchase orders": the kind as a person names it (the file name keeps the code). */
const fileKindLabel = (kind: string) => kind.charAt(0).toUpperCase() + kind.slice(1).replaceAll("_", " ");

export function DataStatusPanel({ status, coverage }: { status: DataStatus; coverage: DataCoverage }) {
  const last = status.lastSuccess;
  return (
    <section aria-labelledby="data-status-title" className="card">
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
        <h2 id="data-status-title" className="text-sm font-semibold text-slate-900">
          Data status
        </h2>
        {last ? (
          <p className="text-xs text-slate-600">
            Current data from <time dateTime={last.finishedAt ?? last.startedAt}>{formatDateTime(last.finishedAt ?? last.startedAt)}</time>
          </p>
        ) : null}
      </div>
      <div className="border-b border-slate-200 px-4 py-3">
        <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">What the plan is based on</h3>
        <ul className={`mt-1 list-disc space-y-0.5 pl-5 text-sm ${coverage.missing.length > 0 ? "marker:text-amber-600" : "marker:text-slate-400"} text-slate-800`}>
          {coverageDetails(coverage).map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      </div>

      {last ? (
        <div className="px-4 py-3">
          <p className="text-sm text-slate-700">
            Last successful import <strong className="font-medium text-slate-900">{formatRelative(last.finishedAt ?? last.startedAt)}</strong> by{" "}
            <strong className="font-medium text-slate-900">{who(last)}</strong> ({last.source}), {formatInt(last.rowsTotal)} rows in{" "}
            {last.files.length} {last.files.length === 1 ? "file" : "files"}.
          </p>
          <table className="mt-3 w-full text-left text-sm">
            <caption className="sr-only">Files of the last successful import</caption>
            <thead className="text-xs text-slate-600">
              <tr className="border-b border-slate-200">
                <th scope="col" className="py-1.5 pr-4 font-medium">Kind</th>
                <th scope="col" className="py-1.5 pr-4 font-medium">File</th>
                <th scope="col" className="py-1.5 text-right font-medium">Rows</th>
              </tr>
            </thead>
            <tbody>
              {last.files.map((f) => (
                <tr key={f.kind} className="border-b border-slate-100 last:border-0">
                  <td className="py-1.5 pr-4 text-slate-700">{fileKindLabel(f.kind)}</td>
                  <td className="py-1.5 pr-4 text-xs text-slate-800">
                    <code className="font-mono">{f.fileName}</code>
                  </td>
                  <td className="py-1.5 text-right tabular-nums text-slate-900">{formatInt(f.rows)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : (
        <p className="px-4 py-4 text-sm text-slate-700">
          No data has been imported yet. Until the canonical CSV files are imported, there is nothing to plan on.
        </p>
      )}

      <dl className="grid grid-cols-2 gap-px border-t border-slate-200 bg-slate-200 sm:grid-cols-4">
        {(
          [
            ["Locations", status.counts.locations],
            ["Products", status.counts.products],
            ["Suppliers", status.counts.suppliers],
            ["Daily sales rows", status.counts.salesDays],
          ] as const
        ).map(([label, value]) => (
          <div key={label} className="bg-white px-4 py-2.5">
            <dt className="text-xs text-slate-600">{label}</dt>
            <dd className="text-base font-semibold tabular-nums text-slate-900">{formatInt(value)}</dd>
          </div>
        ))}
      </dl>

      {status.recent.length > 0 ? (
        <div className="border-t border-slate-200 px-4 py-3">
          <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-600">Recent imports</h3>
          <ul className="mt-2 divide-y divide-slate-100">
            {status.recent.map((b) => (
              <li key={b.id} className="py-2">
                <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
                  <StatusBadge status={b.status} />
                  <time dateTime={b.startedAt} className="text-slate-700">
                    {formatDateTime(b.startedAt)}
                  </time>
                  <span className="text-slate-600">
                    {who(b)} · {b.source}
                  </span>
                  {b.status === "succeeded" ? <span className="tabular-nums text-slate-700">{formatInt(b.rowsTotal)} rows</span> : null}
                </div>
                {b.error ? <p className="mt-1 text-xs text-red-800">{withFileNamesAsCode(b.error)}</p> : null}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </section>
  );
}
