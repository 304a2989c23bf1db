"use client";

import Link from "next/link";
import { formatMoney, formatUnits, inSentence } from "@/lib/contracts/format";
import { ACTION_TYPE_LABEL, ACTION_VALUE_LABEL, quantityUnitLabel, RECOMMENDATION_STATUS_LABEL, SLA_STATUS_LABEL, TIER_LABEL } from "@/lib/contracts/governance";
import { labelOf } from "@/components/ui/labels";
import type { TPendingApproval } from "@/lib/contracts/governance";
import { SLA_STATUS_BADGE } from "@/components/ui/labels";

export function signedMoney(amount: number): string {
  const rounded = Math.round(amount);
  return rounded > 0 ? `+${formatMoney(rounded)}` : rounded < 0 ? `−${formatMoney(-rounded)}` : formatMoney(0);
}

const statusLabel = (status: string) => labelOf(RECOMMENDATION_STATUS_LABEL, status);

function hours(h: number): string {
  return h < 48 ? `${Math.round(h)} h` : `${Math.round(h / 24)} d`;
}

/** "1,700 units", or "12 units/day" for a forecast change (the unit each action is read in). */
export function unitsText(quantity: number, actionType: string): string {
  return `${formatUnits(Math.round(quantity))} ${quantityUnitLabel(actionType, Math.round(quantity))}`;
}

/** One line naming what is approved: "Expedite PO · 1,700 units of Pine parka green at North DC". */
export function actionTitle(item: Pick<TPendingApproval, "actionType" | "quantity" | "productName" | "locationName" | "poNumber">): string {
  const po = item.poNumber ? ` ${item.poNumber}` : "";
  return `${ACTION_TYPE_LABEL[item.actionType]}${po} · ${unitsText(item.quantity, item.actionType)} of ${item.productName} at ${item.locationName}`;
}

/** "North City 1 · North", but a cluster already named "8 suburban stores, North" does not repeat its region. */
function placeWithRegion(item: Pick<TPendingApproval, "locationName" | "region">): string {
  return item.locationName.endsWith(`, ${item.region}`) ? item.locationName : `${item.locationName} · ${item.region}`;
}

/** Why working capital moves (or not) for this kind of action, in a finance reader's words. */
function workingCapitalNote(item: TPendingApproval): string {
  if (item.workingCapitalImpact > 0) return "buying ties up this much cash in stock at cost";
  if (item.workingCapitalImpact < 0) return item.actionType === "markdown" ? "clearing stock releases this much cash at cost" : "cutting the order releases this much cash at cost";
  return "moves or re-times stock already owned or on order, so no cash is tied up";
}

function marginNote(item: TPendingApproval): string {
  const text = `margin protected ${formatMoney(item.benefit)} minus the action's cost ${formatMoney(item.cost)}`;
  return item.marginImpact < 0 ? `${text}: it costs more than it is expected to save` : text;
}

/**
 * One pending action with the evidence an approver needs on the page: what and where by name,
 * why (root cause and the engine's ranking against the alternatives), what it is worth and what
 * it does to margin and working capital (signed, explained), and a link to the exception's chart.
 */
export function ApprovalCard({
  item,
  selected,
  onToggle,
  onApprove,
  onReject,
  busy,
}: {
  item: TPendingApproval;
  selected?: boolean;
  onToggle?: () => void;
  onApprove: () => void;
  onReject: () => void;
  busy: boolean;
}) {
  const sla = { label: SLA_STATUS_LABEL[item.slaStatus], className: SLA_STATUS_BADGE[item.slaStatus] };
  const choice = item.rank === 1 ? "The engine's first choice" : `The engine's option ${item.rank} of ${item.optionCount}`;
  return (
    <li className="card p-4" data-recommendation={item.recommendationId}>
      <div className="flex flex-wrap items-start gap-x-4 gap-y-3">
        {onToggle ? (
          <input
            type="checkbox"
            className="mt-1 h-4 w-4"
            aria-label={`Select ${actionTitle(item)}`}
            checked={selected ?? false}
            disabled={!item.canApprove}
            onChange={onToggle}
          />
        ) : null}
        <div className="min-w-0 flex-1 basis-72">
          <p className="font-medium text-slate-900">{actionTitle(item)}</p>
          <p className="text-xs text-slate-600">
            {item.productName} <span className="text-slate-500">{item.sku}</span> · {placeWithRegion(item)} · {item.category}
            {item.modifiedBy ? ` · modified by ${item.modifiedBy.name}` : ""}
          </p>
          <p className="mt-2 text-sm text-slate-800">
            <span className="font-medium">Why: </span>
            {item.rootCause}
          </p>
          {item.belowValueBar ? (
            <p className="mt-1 text-sm text-slate-700">
              <span className="font-medium">Below the value bar: </span>
              it nets {formatMoney(item.benefit - item.cost)}, less than your approval policy&apos;s value bar, so nobody is asked to decide it; it is
              shown for information and listed after the items that need a person.
            </p>
          ) : null}
          <p className="mt-1 text-sm text-slate-800">
            <span className="font-medium">Why this action: </span>
            {choice} for this exception: it protects an expected {formatMoney(item.benefit)} of margin for {formatMoney(item.cost)} of cost.
          </p>
          {item.alternatives.length > 0 ? (
            <div className="mt-1 text-sm text-slate-700">
              <span className="font-medium">Alternatives (either-or): </span>
              <ul className="inline">
                {item.alternatives.map((alt, i) => (
                  <li key={alt.recommendationId} className="inline">
                    {i > 0 ? "; " : ""}
                    {ACTION_TYPE_LABEL[alt.actionType]}
                    {alt.poNumber ? ` ${alt.poNumber}` : ""} {unitsText(alt.quantity, alt.actionType)}, {formatMoney(alt.value)} ({statusLabel(alt.status).toLowerCase()}
                    {alt.status === "pending" ? `, ${labelOf(TIER_LABEL, alt.tier).toLowerCase()} tier` : ""})
                  </li>
                ))}
              </ul>
            </div>
          ) : (
            <p className="mt-1 text-sm text-slate-700">No alternative action was found for this exception.</p>
          )}
          <div className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs">
            <Link className="font-medium text-brand-700 underline" href={`/exceptions/${item.exceptionId}`}>
              Open the exception and its chart
            </Link>
            {item.routingReasons.length ? (
              <details className="text-slate-600">
                <summary className="cursor-pointer">Why the {labelOf(TIER_LABEL, item.tier).toLowerCase()} tier</summary>
                <ul className="mt-1 list-disc pl-4">
                  {item.routingReasons.map((r) => (
                    <li key={r}>{r}</li>
                  ))}
                </ul>
              </details>
            ) : null}
          </div>
        </div>
        <dl className="grid basis-64 grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm">
          <dt className="text-slate-600">Value</dt>
          <dd className="text-right font-semibold tabular-nums">{formatMoney(item.value)}</dd>
          {/* What the value is depends on the action: a markdown's is the price given away, not goods moved. */}
          <dd className="col-span-2 -mt-1 text-right text-xs text-slate-500">{inSentence(ACTION_VALUE_LABEL[item.actionType])}; sets the approval tier</dd>
          <dt className="text-slate-600">Margin effect</dt>
          <dd className={`text-right tabular-nums ${item.marginImpact < 0 ? "text-red-800" : ""}`} title={marginNote(item)}>
            {signedMoney(item.marginImpact)}
          </dd>
          <dd className="col-span-2 -mt-1 text-right text-xs text-slate-500">{marginNote(item)}</dd>
          <dt className="text-slate-600">Working capital</dt>
          <dd className="text-right tabular-nums">{signedMoney(item.workingCapitalImpact)}</dd>
          <dd className="col-span-2 -mt-1 text-right text-xs text-slate-500">{workingCapitalNote(item)}</dd>
          <dt className="text-slate-600">Waiting</dt>
          <dd className="text-right">
            <span className={`badge ${sla.className}`}>{sla.label}</span>{" "}
            <span className="text-xs text-slate-600">
              {hours(item.ageHours)} of {hours(item.slaHours)}
            </span>
          </dd>
        </dl>
        <div className="flex w-full justify-end gap-2 sm:w-auto sm:flex-col">
          {item.canApprove ? (
            <>
              <button type="button" className="btn-primary" disabled={busy} onClick={onApprove}>
                Approve
              </button>
              <button type="button" className="btn-secondary" onClick={onReject}>
                Reject…
              </button>
            </>
          ) : (
            <p className="max-w-56 text-xs text-slate-600">{item.blockedReason}</p>
          )}
        </div>
      </div>
    </li>
  );
}
