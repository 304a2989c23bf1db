"use client";

import { useState } from "react";
import { formatDate, formatInt, formatMoney, formatPercent } from "@/lib/contracts/format";
import type { TSupplierScorecard, TSupplierScorecards } from "@/lib/contracts/suppliers";

/** Suppliers shown before "Show all": the ones a buyer works on today. */
const FIRST_SUPPLIERS = 5;
/** Below this many receipts a rate is shown with its sample, as a hint rather than a verdict. */
const SMALL_SAMPLE = 10;

const days = (value: number) => `${Math.round(value)} d`;

function LeadTime({ card }: { card: TSupplierScorecard }) {
  if (card.leadTimeMedianDays === null) return <span className="text-slate-500">no receipts yet</span>;
  const late = card.leadTimeMedianDays > card.promisedLeadTimeDays;
  return (
    <span title={`Order to receipt, ${formatInt(card.receivedLines)} receipts: median ${days(card.leadTimeMedianDays)}, 10th–90th percentile ${days(card.leadTimeP10Days!)}–${days(card.leadTimeP90Days!)}; promised ${days(card.promisedLeadTimeDays)}`}>
      <span className={late ? "font-medium text-red-800" : "text-slate-900"}>{days(card.leadTimeMedianDays)}</span>
      <span className="text-slate-600">
        {" "}
        vs {days(card.promisedLeadTimeDays)} promised · usually {Math.round(card.leadTimeP10Days!)}–{days(card.leadTimeP90Days!)}
      </span>
      {card.leadTimeTrendDays !== null && Math.round(card.leadTimeTrendDays) !== 0 ? (
        <span className={card.leadTimeTrendDays > 0 ? "text-red-800" : "text-emerald-800"}>
          {" "}
          · {card.leadTimeTrendDays > 0 ? "slower" : "faster"} by {days(Math.abs(card.leadTimeTrendDays))} lately
        </span>
      ) : null}
    </span>
  );
}

function Rate({ label, value, sample, unit }: { label: string; value: number | null; sample: number; unit: string }) {
  if (value === null) return null;
  return (
    <span className="whitespace-nowrap">
      <span className="text-slate-600">{label}</span> <span className={`font-medium ${value < 0.8 ? "text-red-800" : "text-slate-900"}`}>{formatPercent(value)}</span>
      {sample < SMALL_SAMPLE ? <span className="text-slate-500"> of {formatInt(sample)} {unit}{sample === 1 ? "" : "s"}</span> : null}
    </span>
  );
}

/**
 * The buyer's view of their suppliers, worst open work first: each supplier's open exceptions
 * and supplier/PO actions waiting, with its delivery record (on time, lead time against the
 * promise and its spread and trend, fill rate, late open POs). Picking one narrows the queue to it.
 */
export function SupplierScorecards({
  data,
  activeSupplier,
  onPick,
}: {
  data: TSupplierScorecards;
  activeSupplier: string | null;
  onPick: (supplierCode: string | null) => void;
}) {
  const [showAll, setShowAll] = useState(false);
  if (data.suppliers.length === 0) {
    return (
      <section aria-labelledby="suppliers-title" className="card mb-3 px-4 py-3 text-sm">
        <h2 id="suppliers-title" className="font-semibold text-slate-900">
          Your suppliers
        </h2>
        <p className="mt-1 text-slate-600">No supplier supplies a product in your categories yet.</p>
      </section>
    );
  }
  const shown = showAll ? data.suppliers : data.suppliers.slice(0, FIRST_SUPPLIERS);
  return (
    <section aria-labelledby="suppliers-title" className="card mb-3 text-sm">
      <div className="flex flex-wrap items-baseline justify-between gap-x-3 border-b border-slate-100 px-4 py-2">
        <h2 id="suppliers-title" className="font-semibold text-slate-900">
          Your suppliers
        </h2>
        <p className="text-xs text-slate-600">Open supplier and PO work first; delivery record over the last year of POs, as of {formatDate(data.asOf)}</p>
      </div>
      <ul className="divide-y divide-slate-100">
        {shown.map((card) => {
          const active = activeSupplier === card.code;
          return (
            <li key={card.code} className={`flex flex-wrap items-start gap-x-4 gap-y-1 px-4 py-2 ${active ? "bg-brand-50/70" : ""}`}>
              <div className="min-w-0 flex-1 basis-56">
                <button
                  type="button"
                  aria-pressed={active}
                  className="font-medium text-brand-700 hover:underline"
                  onClick={() => onPick(active ? null : card.code)}
                  title={active ? "Show every supplier's work again" : `Show only ${card.name}'s work in the queue`}
                >
                  {card.name}
                </button>
                <p className="text-xs text-slate-600">
                  {card.openSupplierWork > 0 ? (
                    <span className="font-medium text-slate-900">
                      {formatInt(card.openSupplierWork)} supplier/PO action{card.openSupplierWork === 1 ? "" : "s"} waiting
                    </span>
                  ) : (
                    "no supplier action waiting"
                  )}
                  {card.openExceptions > 0 ? ` · ${formatInt(card.openExceptions)} open exception${card.openExceptions === 1 ? "" : "s"}, ${formatMoney(card.moneyAtRisk)} at risk` : ""}
                </p>
              </div>
              <div className="flex min-w-0 basis-full flex-wrap gap-x-3 gap-y-0.5 text-xs tabular-nums md:basis-auto">
                <Rate label="On time" value={card.onTimeRate} sample={card.receivedLines} unit="receipt" />
                <LeadTime card={card} />
                <Rate label="Fill" value={card.fillRate} sample={card.receivedLines} unit="receipt" />
                {card.openLatePurchaseOrders > 0 ? (
                  <span className="whitespace-nowrap font-medium text-red-800">
                    {formatInt(card.openLatePurchaseOrders)} late PO{card.openLatePurchaseOrders === 1 ? "" : "s"} open ({formatInt(card.openLateUnits)} units)
                  </span>
                ) : (
                  <span className="whitespace-nowrap text-slate-600">no late PO open</span>
                )}
              </div>
            </li>
          );
        })}
      </ul>
      {data.suppliers.length > FIRST_SUPPLIERS ? (
        <button type="button" className="w-full border-t border-slate-100 px-4 py-1.5 text-left text-xs font-medium text-brand-700 hover:bg-slate-50" onClick={() => setShowAll((v) => !v)} aria-expanded={showAll}>
          {showAll ? "Show fewer suppliers" : `Show all ${formatInt(data.suppliers.length)} suppliers`}
        </button>
      ) : null}
    </section>
  );
}
