"use client";

import { useState, type FormEvent } from "react";
import { formatDateTime, formatMoney, formatUnits } from "@/components/format";
import { ACTION_TYPE_LABEL, REASON_CODE_LABEL, RECOMMENDATION_STATUS_META, TIER_LABEL, labelOf } from "@/components/queue/exception-labels";
import type { TExceptionDecisionRequest, TRecommendationView } from "@/lib/server/exceptions/exceptions.types";
import { REASON_CODES, type TReasonCode } from "@/lib/server/governance/decisions.types";

type Editing = { id: string; mode: "modify" | "reject" } | null;

function Route({ action }: { action: TRecommendationView }) {
  const from = action.source ? action.source.code : null;
  const to = action.destination ? action.destination.code : null;
  const title = [action.source?.name, action.destination?.name].filter(Boolean).join(" → ");
  return (
    <span className="text-slate-700" title={title || undefined}>
      {from && to ? `${from} → ${to}` : (to ?? from ?? "—")}
      {action.poNumber ? <span className="block text-xs text-slate-600">{action.poNumber}</span> : null}
    </span>
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
          <option value="" disabled>
            Choose a reason…
          </option>
          {REASON_CODES.map((code) => (
            <option key={code} value={code}>
              {REASON_CODE_LABEL[code]}
            </option>
          ))}
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
  const [quantity, setQuantity] = useState(String(action.quantity));
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
            min={1}
            step="any"
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
      {mode === "modify" ? <p className="basis-full text-xs text-slate-600">The server re-prices the action at the new quantity and routes it to the tier that value needs.</p> : null}
    </form>
  );
}

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
  const th = "h-8 px-2 text-[11px] font-semibold uppercase tracking-wide text-slate-600 border-b border-slate-200 bg-slate-50";
  return (
    <table className="w-full border-separate border-spacing-0 text-sm tabular-nums">
      <caption className="sr-only">Recommended actions, best net benefit first</caption>
      <thead>
        <tr>
          <th scope="col" className={`${th} w-8 text-right`}>#</th>
          <th scope="col" className={`${th} text-left`}>Action</th>
          <th scope="col" className={`${th} text-right`}>Qty</th>
          <th scope="col" className={`${th} text-left`}>From → to</th>
          <th scope="col" className={`${th} text-right`}>Cost</th>
          <th scope="col" className={`${th} text-right`}>Benefit</th>
          <th scope="col" className={`${th} text-left`}>Tier</th>
          <th scope="col" className={`${th} text-left`}>Status</th>
          <th scope="col" className={`${th} text-right`}>
            <span className="sr-only">Decisions</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {actions.map((action) => {
          const status = RECOMMENDATION_STATUS_META[action.status];
          const open = editing?.id === action.id ? editing.mode : null;
          const decidable = action.status === "pending";
          // Why the user may not approve (tier, segregation of duties), said instead of a silently disabled button.
          const note = decidable ? action.refusals.approve : null;
          const td = "border-b border-slate-100 px-2 py-2 align-top";
          const name = `${ACTION_TYPE_LABEL[action.actionType]} ${formatUnits(action.quantity)}`;
          return [
            <tr key={action.id} className={decidable ? "" : "text-slate-600"}>
              <td className={`${td} text-right text-slate-600`}>{action.rank}</td>
              <td className={td}>
                <span className="font-medium text-slate-900">{ACTION_TYPE_LABEL[action.actionType]}</span>
                {action.routingReasons.length > 0 ? <span className="block text-xs text-slate-600">{action.routingReasons.join("; ")}</span> : null}
              </td>
              <td className={`${td} text-right`}>
                {formatUnits(action.quantity)}
                {action.quantity !== action.proposedQuantity ? (
                  <span className="block text-xs text-slate-600" title={action.modifiedBy ? `Changed by ${action.modifiedBy.name}` : undefined}>
                    was {formatUnits(action.proposedQuantity)}
                  </span>
                ) : null}
              </td>
              <td className={td}>
                <Route action={action} />
              </td>
              <td className={`${td} text-right`}>{formatMoney(action.cost)}</td>
              <td className={`${td} text-right`}>
                {formatMoney(action.benefit)}
                <span className={`block text-xs ${action.netBenefit >= 0 ? "text-emerald-800" : "text-red-800"}`}>net {formatMoney(action.netBenefit)}</span>
              </td>
              <td className={td}>{TIER_LABEL[action.tier]}</td>
              <td className={td}>
                <span className={`badge ${status.badge}`}>{status.label}</span>
                {action.decidedBy ? (
                  <span className="block text-xs text-slate-600" title={formatDateTime(action.decidedAt)}>
                    by {action.decidedBy.name}
                    {action.reasonCode ? ` · ${labelOf(REASON_CODE_LABEL, action.reasonCode)}` : ""}
                  </span>
                ) : null}
              </td>
              <td className={`${td} whitespace-nowrap text-right`}>
                {decidable ? (
                  <span className="inline-flex gap-1">
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
              </td>
            </tr>,
            note ? (
              <tr key={`${action.id}-note`}>
                <td />
                <td colSpan={8} className="border-b border-slate-100 px-2 pb-2 text-xs text-amber-900">
                  {note}
                </td>
              </tr>
            ) : null,
            open ? (
              <tr key={`${action.id}-form`}>
                <td colSpan={9} className="border-b border-slate-100 p-0">
                  <DecisionForm
                    action={action}
                    mode={open}
                    onCancel={() => setEditing(null)}
                    onDecide={(request) => {
                      setEditing(null);
                      onDecide(request);
                    }}
                  />
                </td>
              </tr>
            ) : null,
          ];
        })}
      </tbody>
    </table>
  );
}
