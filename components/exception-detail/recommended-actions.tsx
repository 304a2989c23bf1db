"use client";

import { useState, type FormEvent } from "react";
import { formatDateTime, formatMoney, formatUnits } from "@/lib/contracts/format";
import { RECOMMENDATION_STATUS_BADGE, labelOf } from "@/components/ui/labels";
import { ACTION_TYPE_LABEL, ACTION_VALUE_LABEL, REASON_CODE_LABEL, RECOMMENDATION_STATUS_LABEL, TIER_LABEL, editableQuantity, quantityUnitLabel } from "@/lib/contracts/governance";
import type { TExceptionDecisionRequest, TRecommendationView } from "@/lib/contracts/exceptions";
import type { TReasonCode } from "@/lib/contracts/governance";
import { ReasonCodeOptions } from "@/components/ui/reason-code-options";
import { useModificationPreview } from "./use-modification-preview";

const EXTRA_COST_TITLE = "Spend on top of the goods themselves: freight, expedite fee, markdown, count labour. Net = benefit − extra cost.";

type Editing = { id: string; mode: "modify" | "reject" } | null;

/** The engine's figures at the quantity being typed, shown before the person submits the change. */
function ModificationPreviewFigures({ action, quantity }: { action: TRecommendationView; quantity: string }) {
  const preview = useModificationPreview(action.id, quantity);
  if (!preview.valid) return <p className="basis-full text-xs text-slate-600">Enter a quantity above zero to see it re-evaluated.</p>;
  const figures = preview.data;
  return (
    <div role="status" aria-live="polite" aria-label="Re-evaluated action" className="basis-full text-xs tabular-nums">
      {preview.isError ? (
        <p className="text-red-800">{preview.error.message}</p>
      ) : figures ? (
        <div className={preview.pending ? "opacity-60" : undefined}>
          <p className="flex flex-wrap gap-x-3">
            <span className="text-slate-600">At {formatUnits(figures.quantity)} {quantityUnitLabel(action.actionType, figures.quantity)}:</span>
            <Figure label={ACTION_VALUE_LABEL[action.actionType]} value={formatMoney(figures.value)} />
            <Figure label="Extra cost" value={formatMoney(figures.cost)} title={EXTRA_COST_TITLE} />
            <Figure label="Benefit" value={formatMoney(figures.benefit)} />
            <Figure label="Net" value={formatMoney(figures.netBenefit)} tone={figures.netBenefit >= 0 ? "text-emerald-800" : "text-red-800"} />
            <Figure label="Tier" value={TIER_LABEL[figures.tier]} tone={figures.tier === action.tier ? "text-slate-900" : "text-amber-900"} />
          </p>
          {figures.routingReasons.length > 0 ? <p className="mt-0.5 text-slate-600">{figures.routingReasons.join("; ")}</p> : null}
        </div>
      ) : (
        <p className="text-slate-600">Re-evaluating…</p>
      )}
    </div>
  );
}

function Route({ action }: { action: TRecommendationView }) {
  // Names, as a planner reads them; the codes stay in the tooltip for someone checking the ERP.
  const from = action.source ? action.source.name : null;
  const to = action.destination ? action.destination.name : null;
  const title = [action.source?.code, action.destination?.code].filter(Boolean).join(" → ");
  return (
    <span className="text-slate-700" title={title || undefined}>
      {from && to ? `${from} → ${to}` : to ? `to ${to}` : from ? `from ${from}` : null}
      {action.poNumber ? ` · ${action.poNumber}` : null}
    </span>
  );
}

/** A group's action, store by store (a cluster's) or line by line (a supplier's cut): each one's share of the quantity (a modified quantity is split as proposed). */
function GroupLines({ action }: { action: TRecommendationView }) {
  const lines = action.lines ?? [];
  if (lines.some((line) => line.product !== null)) return <SupplierLines action={action} />;
  return (
    <details className="mt-1 text-xs" open={lines.length <= 8}>
      <summary className="cursor-pointer text-slate-700">
        {lines.length} {lines.length === 1 ? "store" : "stores"}
      </summary>
      <ul aria-label={`Stores of ${ACTION_TYPE_LABEL[action.actionType]}`} className="mt-1 grid grid-cols-[repeat(auto-fill,minmax(12rem,1fr))] gap-x-4 gap-y-0.5 tabular-nums">
        {lines.map((line) => (
          <li key={line.location.id} className="flex justify-between gap-2 text-slate-700" title={line.location.code}>
            <span className="truncate">{line.location.name}</span>
            <span className="text-slate-900">{formatUnits(line.quantity)} {quantityUnitLabel(action.actionType, line.quantity)}</span>
          </li>
        ))}
      </ul>
    </details>
  );
}

/** A supplier's cut, one row per open order line: the product by name, its PO, the units to cut and their value at cost. */
function SupplierLines({ action }: { action: TRecommendationView }) {
  const lines = action.lines ?? [];
  const orders = new Set(lines.map((line) => line.poNumber)).size;
  return (
    <details className="mt-1 text-xs" open={lines.length <= 8}>
      <summary className="cursor-pointer text-slate-700">
        {lines.length} {lines.length === 1 ? "line" : "lines"} on {orders} {orders === 1 ? "PO" : "POs"}
      </summary>
      <div className="mt-1 overflow-x-auto">
        <table aria-label={`Lines of ${ACTION_TYPE_LABEL[action.actionType]}`} className="w-full tabular-nums">
          <thead className="text-left text-slate-600">
            <tr>
              <th scope="col" className="pr-3 font-medium">Product</th>
              <th scope="col" className="pr-3 font-medium max-sm:hidden">PO</th>
              <th scope="col" className="pr-3 text-right font-medium">Units</th>
              <th scope="col" className="text-right font-medium">Value</th>
            </tr>
          </thead>
          <tbody className="text-slate-700">
            {lines.map((line) => (
              <tr key={`${line.poNumber ?? ""}|${line.product?.sku ?? ""}`}>
                <td className="max-w-[14rem] pr-3" title={line.product?.sku}>
                  <span className="block truncate">{line.product?.name}</span>
                  {/* Phones drop the PO column; the PO moves under the product. */}
                  <span className="block truncate text-slate-500 sm:hidden">{line.poNumber}</span>
                </td>
                <td className="whitespace-nowrap pr-3 max-sm:hidden">{line.poNumber}</td>
                <td className="whitespace-nowrap pr-3 text-right text-slate-900">{formatUnits(line.quantity)}</td>
                <td className="whitespace-nowrap text-right text-slate-900">{line.value === null ? "–" : formatMoney(line.value)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}

function ReasonFields({ idPrefix, reason, setReason, comment, setComment }: {
  idPrefix: string;
  reason: TReasonCode | "";
  setReason: (r: TReasonCode | "") => void;
  comment: string;
  setComment: (c: string) => void;
}) {
  return (
    <>
      <div>
        <label htmlFor={`${idPrefix}-reason`} className="block text-xs font-medium text-slate-700">
          Reason
        </label>
        <select id={`${idPrefix}-reason`} required className="mt-0.5 h-8 rounded-md border border-slate-300 bg-white px-2 text-sm" value={reason} onChange={(e) => setReason(e.target.value as TReasonCode | "")}>
          <ReasonCodeOptions />
        </select>
      </div>
      <div className="min-w-48 flex-1">
        <label htmlFor={`${idPrefix}-comment`} className="block text-xs font-medium text-slate-700">
          Comment {reason === "other" ? "" : <span className="font-normal text-slate-600">(optional)</span>}
        </label>
        <input id={`${idPrefix}-comment`} className="mt-0.5 h-8 w-full rounded-md border border-slate-300 px-2 text-sm" maxLength={1000} required={reason === "other"} value={comment} onChange={(e) => setComment(e.target.value)} />
      </div>
    </>
  );
}

function DecisionForm({
  action,
  mode,
  onCancel,
  onDecide,
}: {
  action: TRecommendationView;
  mode: "modify" | "reject";
  onCancel: () => void;
  onDecide: (request: TExceptionDecisionRequest) => void;
}) {
  const [quantity, setQuantity] = useState(String(editableQuantity(action.actionType, action.quantity)));
  const [reason, setReason] = useState<TReasonCode | "">(mode === "modify" ? "quantity_adjusted" : "");
  const [comment, setComment] = useState("");
  const idPrefix = `${mode}-${action.id}`;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!reason) return;
    const base = { recommendationId: action.id, expectedVersion: action.version, reasonCode: reason, comment: comment.trim() || undefined };
    onDecide(mode === "modify" ? { ...base, decision: "modify", quantity: Number(quantity) } : { ...base, decision: "reject" });
  };
  return (
    <form onSubmit={submit} aria-label={mode === "modify" ? "Change quantity" : "Reject action"} className="flex flex-wrap items-end gap-3 bg-slate-50 px-3 py-3">
      {mode === "modify" ? (
        <div>
          <label htmlFor={`${idPrefix}-qty`} className="block text-xs font-medium text-slate-700">
            New quantity
          </label>
          <input
            id={`${idPrefix}-qty`}
            type="number"
            min={action.actionType === "adjust_forecast" ? 0.1 : 1}
            step={action.actionType === "adjust_forecast" ? 0.1 : 1}
            inputMode="decimal"
            required
            autoFocus
            className="mt-0.5 h-8 w-28 rounded-md border border-slate-300 px-2 text-sm tabular-nums"
            value={quantity}
            onChange={(e) => setQuantity(e.target.value)}
          />
        </div>
      ) : null}
      <ReasonFields idPrefix={idPrefix} reason={reason} setReason={setReason} comment={comment} setComment={setComment} />
      <div className="flex gap-2">
        <button type="button" className="btn-ghost h-8" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className={mode === "reject" ? "btn h-8 bg-red-700 text-white hover:bg-red-800" : "btn-primary h-8"} disabled={!reason}>
          {mode === "modify" ? "Change and re-route" : "Reject"}
        </button>
      </div>
      {mode === "modify" ? (
        <>
          <ModificationPreviewFigures action={action} quantity={quantity} />
          <p className="basis-full text-xs text-slate-600">The engine re-prices the action at the new quantity and it is routed to the tier that value needs.</p>
        </>
      ) : null}
    </form>
  );
}

function Figure({ label, value, tone = "text-slate-900", title }: { label: string; value: string; tone?: string; title?: string }) {
  return (
    <span className="whitespace-nowrap" title={title}>
      <span className="text-slate-600">{label}</span> <span className={`font-medium ${tone}`}>{value}</span>
    </span>
  );
}

/** Ranked actions as compact rows: what, how much, where; then its economics, tier and state; decisions on the right. */
export function RecommendedActions({
  actions,
  busy,
  onDecide,
}: {
  actions: TRecommendationView[];
  busy: boolean;
  onDecide: (request: TExceptionDecisionRequest) => void;
}) {
  const [editing, setEditing] = useState<Editing>(null);
  if (actions.length === 0) return <p className="px-4 py-6 text-sm text-slate-600">No recommended action: this exception asks for a person&apos;s review.</p>;
  return (
    <ol aria-label="Recommended actions, best net benefit first" className="divide-y divide-slate-100">
      {actions.map((action) => {
        const status = { label: RECOMMENDATION_STATUS_LABEL[action.status], badge: RECOMMENDATION_STATUS_BADGE[action.status] };
        const open = editing?.id === action.id ? editing.mode : null;
        const decidable = action.status === "pending";
        const name = action.actionType === "review_model" ? ACTION_TYPE_LABEL[action.actionType] : `${ACTION_TYPE_LABEL[action.actionType]} ${formatUnits(action.quantity)}`;
        // Why the user may not approve (tier, segregation of duties), said instead of a silently disabled button.
        const refusal = decidable ? action.refusals.approve : null;
        return (
          <li key={action.id} aria-label={`Action ${action.rank}: ${name}`} className={decidable ? "" : "bg-slate-50/60"}>
            <div className="flex flex-wrap items-start gap-x-4 gap-y-2 px-4 py-3">
              <span aria-hidden="true" className="mt-0.5 flex h-5 w-5 shrink-0 items-center justify-center rounded-full bg-slate-100 text-xs font-semibold text-slate-700">
                {action.rank}
              </span>
              <div className="min-w-0 flex-1 basis-56 text-sm tabular-nums">
                <p className={decidable ? "text-slate-900" : "text-slate-600"}>
                  <span className="font-semibold">{ACTION_TYPE_LABEL[action.actionType]}</span>
                  {action.actionType === "review_model" ? null : ` ${formatUnits(action.quantity)} ${quantityUnitLabel(action.actionType, action.quantity)}`}
                  {action.quantity !== action.proposedQuantity ? <span className="text-slate-600"> (proposed {formatUnits(action.proposedQuantity)})</span> : null}
                  <span className="text-slate-600"> · </span>
                  <Route action={action} />
                  <span className={`badge ml-2 align-[1px] ${status.badge}`}>{status.label}</span>
                </p>
                <p className="mt-1 flex flex-wrap gap-x-3 text-xs">
                  {action.value > 0 ? <Figure label={ACTION_VALUE_LABEL[action.actionType]} value={formatMoney(action.value)} /> : null}
                  <Figure label="Extra cost" value={formatMoney(action.cost)} title={EXTRA_COST_TITLE} />
                  <Figure label="Benefit" value={formatMoney(action.benefit)} />
                  <Figure label="Net" value={formatMoney(action.netBenefit)} tone={action.netBenefit >= 0 ? "text-emerald-800" : "text-red-800"} />
                  <Figure label="Tier" value={TIER_LABEL[action.tier]} />
                  {action.decidedBy ? (
                    <span className="text-slate-600" title={formatDateTime(action.decidedAt)}>
                      {status.label.toLowerCase()} by {action.decidedBy.name}
                      {action.reasonCode ? ` · ${labelOf(REASON_CODE_LABEL, action.reasonCode)}` : ""}
                    </span>
                  ) : null}
                </p>
                {action.lines ? <GroupLines action={action} /> : null}
                {action.routingReasons.length > 0 ? <p className="mt-1 text-xs text-slate-600">{action.routingReasons.join("; ")}</p> : null}
                {refusal ? <p className="mt-1 text-xs text-amber-900">{refusal}</p> : null}
              </div>
              {decidable ? (
                <span className="flex shrink-0 gap-1">
                  <button
                    type="button"
                    className="btn-primary h-7 px-2.5 py-0 text-xs"
                    aria-label={`Approve ${name}`}
                    disabled={busy || action.refusals.approve !== null}
                    onClick={() => onDecide({ decision: "approve", recommendationId: action.id, expectedVersion: action.version })}
                  >
                    Approve
                  </button>
                  <button
                    type="button"
                    className="btn-secondary h-7 px-2 py-0 text-xs"
                    aria-label={`Change quantity of ${name}`}
                    aria-expanded={open === "modify"}
                    disabled={busy || action.refusals.modify !== null}
                    onClick={() => setEditing(open === "modify" ? null : { id: action.id, mode: "modify" })}
                  >
                    Modify
                  </button>
                  <button
                    type="button"
                    className="btn-secondary h-7 px-2 py-0 text-xs"
                    aria-label={`Reject ${name}`}
                    aria-expanded={open === "reject"}
                    disabled={busy || action.refusals.reject !== null}
                    onClick={() => setEditing(open === "reject" ? null : { id: action.id, mode: "reject" })}
                  >
                    Reject
                  </button>
                </span>
              ) : null}
            </div>
            {open ? (
              <DecisionForm
                action={action}
                mode={open}
                onCancel={() => setEditing(null)}
                onDecide={(request) => {
                  setEditing(null);
                  onDecide(request);
                }}
              />
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
