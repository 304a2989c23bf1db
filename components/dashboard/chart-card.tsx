import type { ReactNode } from "react";

/** A titled panel with a CSV download of exactly the data it shows. */
export function ChartCard({ title, csvHref, children, note }: { title: string; csvHref: string; children: ReactNode; note?: ReactNode }) {
  return (
    <section className="card min-w-0 overflow-x-auto p-4" aria-label={title}>
      <div className="mb-2 flex items-baseline justify-between gap-3">
        <h2 className="text-sm font-semibold text-slate-800">{title}</h2>
        <a href={csvHref} download className="text-xs font-medium text-brand-700 hover:underline">
          Download CSV
        </a>
      </div>
      {note ? <p className="mb-2 text-xs text-slate-500">{note}</p> : null}
      {children}
    </section>
  );
}
