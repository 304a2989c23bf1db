import Link from "next/link";
import { formatDate, formatDateTime, formatMoney, formatSalesThrough } from "@/lib/contracts/format";
import { EXCEPTION_TYPE_LABEL } from "@/lib/contracts/exceptions";
import type { TBriefing, TBriefingItem } from "@/lib/copilot/briefing.types";

function Items({ title, items }: { title: string; items: TBriefingItem[] }) {
  if (items.length === 0) return null;
  return (
    <section aria-label={title}>
      <h3 className="mb-1 text-sm font-semibold text-slate-900">{title}</h3>
      <ul className="divide-y divide-slate-100 rounded-md border border-slate-200 text-sm">
        {items.slice(0, 8).map((i) => (
          <li key={i.exceptionId}>
            <Link href={i.href} className="block px-3 py-2 hover:bg-slate-50">
              <span className="block font-medium text-slate-900">{i.label}</span>
              <span className="block text-xs text-slate-600">{i.detail}</span>
            </Link>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The person's latest briefing; every figure links to the queue filter or page that shows it. */
export function BriefingView({ briefing }: { briefing: TBriefing | null }) {
  if (!briefing) {
    return <p className="mb-8 rounded-md border border-slate-200 bg-slate-50 p-4 text-sm text-slate-700">No briefing yet: one is written for you after the next plan run.</p>;
  }
  const c = briefing.changes;
  return (
    <div className="mb-8 max-w-4xl space-y-5" data-testid="briefing">
      <p className="text-sm text-slate-700">
        Plan for {formatDate(briefing.asOf)} (sales through {formatSalesThrough(briefing.asOf)}), written {formatDateTime(briefing.generatedAt)}
        {briefing.since ? ` · changes since ${formatDateTime(briefing.since)}` : ""}.{" "}
        <Link href={briefing.queueHref} className="font-medium text-sky-800 underline">
          Open the queue
        </Link>
      </p>
      <dl className="grid grid-cols-3 gap-3 text-sm">
        {(
          [
            ["New", c.new],
            ["Escalated", c.escalated],
            ["Closed", c.closed],
          ] as const
        ).map(([label, t]) => (
          <div key={label} className="rounded-md border border-slate-200 p-3">
            <dt className="text-xs uppercase text-slate-500">{label}</dt>
            <dd>
              <Link href={t.href} className="text-lg font-semibold text-sky-800 underline">
                {t.count}
              </Link>{" "}
              <span className="text-slate-600">· {formatMoney(t.money)} at risk</span>
            </dd>
          </div>
        ))}
      </dl>
      {briefing.moneyAtRiskByType.length > 0 ? (
        <section aria-label="Money at risk by type">
          <h3 className="mb-1 text-sm font-semibold text-slate-900">Money at risk by type</h3>
          <ul className="flex flex-wrap gap-2 text-sm">
            {briefing.moneyAtRiskByType.map((t) => (
              <li key={t.type}>
                <Link href={t.href} className="inline-block rounded border border-slate-200 px-2 py-1 hover:bg-slate-50">
                  {EXCEPTION_TYPE_LABEL[t.type] ?? t.type}: <span className="font-medium">{formatMoney(t.money)}</span> ({t.count})
                </Link>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
      {briefing.approvals && briefing.approvals.count > 0 ? (
        <p className="text-sm">
          <Link href={briefing.approvals.href} className="font-medium text-sky-800 underline">
            {briefing.approvals.count} actions wait for your approval
          </Link>
          , worth {formatMoney(briefing.approvals.value)}
          {briefing.approvals.overdue > 0 ? `; ${briefing.approvals.overdue} overdue` : ""}.
        </p>
      ) : null}
      <div className="grid gap-5 md:grid-cols-2">
        <Items title="Do first" items={briefing.topItems} />
        <Items title="New" items={briefing.newItems} />
        <Items title="Escalated" items={briefing.escalatedItems} />
        {briefing.suppliers.length > 0 ? (
          <section aria-label="Suppliers slipping">
            <h3 className="mb-1 text-sm font-semibold text-slate-900">Suppliers slipping</h3>
            <ul className="space-y-1 text-sm">
              {briefing.suppliers.map((s) => (
                <li key={s.code}>
                  <Link href={s.href} className="text-sky-800 underline">
                    {s.name} ({s.code})
                  </Link>{" "}
                  <span className="text-slate-600">{s.detail}</span>
                </li>
              ))}
            </ul>
          </section>
        ) : null}
      </div>
    </div>
  );
}
