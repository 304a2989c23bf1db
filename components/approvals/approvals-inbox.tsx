"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useMemo, useState } from "react";
import { formatMoney, formatUnits } from "@/components/format";
import { ModalDialog } from "@/components/queue/modal-dialog";
import { HUMAN_TIERS, type THumanTier } from "@/lib/server/governance/approval-policy.types";
import type { BatchApprovalSummary } from "@/lib/server/governance/batch-approve-recommendations.types";
import type { TReasonCode } from "@/lib/server/governance/decisions.types";
import { ReasonCodeOptions } from "@/components/reason-code-options";
import type { TPendingApproval, TPendingApprovals } from "@/lib/server/governance/list-pending-approvals.types";
import { ACTION_TYPE_LABEL, TIER_LABEL, quantityUnitLabel } from "@/components/governance-labels";
import { SLA_BADGE } from "./approval-labels";
import { ApiError } from "@/components/api-client";
import { batchApprove, decide, fetchInbox } from "./approvals-api";

const QUERY_KEY = ["approvals-inbox"];

function hours(h: number): string {
  return h < 48 ? `${Math.round(h)} h` : `${Math.round(h / 24)} d`;
}

function signedMoney(amount: number): string {
  return amount > 0 ? `+${formatMoney(amount)}` : formatMoney(amount);
}

export function ApprovalsInbox({ initial }: { initial: TPendingApprovals }) {
  const client = useQueryClient();
  const inbox = useQuery({ queryKey: QUERY_KEY, queryFn: fetchInbox, initialData: initial });
  const [tier, setTier] = useState<THumanTier | "all">("all");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [rejecting, setRejecting] = useState<TPendingApproval | null>(null);
  const [notice, setNotice] = useState<{ tone: "ok" | "error"; text: string; details?: string[] } | null>(null);

  const items = useMemo(() => inbox.data.items.filter((i) => tier === "all" || i.tier === tier), [inbox.data.items, tier]);
  const approvable = items.filter((i) => i.canApprove);
  const chosen = approvable.filter((i) => selected.has(i.recommendationId));
  const chosenValue = chosen.reduce((sum, i) => sum + i.value, 0);

  const refresh = () => client.invalidateQueries({ queryKey: QUERY_KEY });

  const single = useMutation({
    mutationFn: (item: TPendingApproval) => decide(item.recommendationId, { decision: "approve", expectedVersion: item.version }),
    onSuccess: (_, item) => setNotice({ tone: "ok", text: `Approved: ${ACTION_TYPE_LABEL[item.actionType]} ${item.sku} at ${item.locationCode}.` }),
    onError: (error) => setNotice({ tone: "error", text: error instanceof ApiError ? error.message : "The approval failed." }),
    onSettled: refresh,
  });

  const batch = useMutation({
    mutationFn: () =>
      batchApprove({
        items: chosen.map((i) => ({ recommendationId: i.recommendationId, expectedVersion: i.version })),
        confirm: true,
      }),
    onSuccess: (summary: BatchApprovalSummary) => {
      const byId = new Map(inbox.data.items.map((i) => [i.recommendationId, i]));
      const refused = summary.results.flatMap((r) =>
        r.outcome === "refused" ? [`${byId.get(r.recommendationId)?.sku ?? r.recommendationId}: ${r.message}`] : [],
      );
      setNotice({
        tone: refused.length ? "error" : "ok",
        text: `${summary.approved} approved${refused.length ? `, ${refused.length} not approved` : ""}.`,
        details: refused,
      });
      setSelected(new Set());
      setConfirming(false);
    },
    onError: (error) => {
      setNotice({ tone: "error", text: error instanceof ApiError ? error.message : "The batch approval failed." });
      setConfirming(false);
    },
    onSettled: refresh,
  });

  const toggle = (id: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const allChosen = approvable.length > 0 && chosen.length === approvable.length;

  return (
    <div className="space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <dl className="flex gap-6 text-sm">
          <div>
            <dt className="text-slate-600">Waiting</dt>
            <dd className="text-base font-semibold">{inbox.data.totals.items}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Total value</dt>
            <dd className="text-base font-semibold">{formatMoney(inbox.data.totals.value)}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Past SLA</dt>
            <dd className={`text-base font-semibold ${inbox.data.totals.overdue ? "text-red-800" : ""}`}>{inbox.data.totals.overdue}</dd>
          </div>
        </dl>
        <div className="flex items-end gap-3">
          <label className="text-sm">
            <span className="field-label">Tier</span>
            <select className="field-input w-44" value={tier} onChange={(e) => setTier(e.target.value as THumanTier | "all")}>
              <option value="all">All my tiers</option>
              {HUMAN_TIERS.map((t) => (
                <option key={t} value={t}>
                  {TIER_LABEL[t]}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="btn-primary" disabled={chosen.length === 0 || batch.isPending} onClick={() => setConfirming(true)}>
            Approve selected ({chosen.length})
          </button>
        </div>
      </div>

      {notice ? (
        <div
          role={notice.tone === "error" ? "alert" : "status"}
          className={`rounded-md border px-3 py-2 text-sm ${notice.tone === "error" ? "border-red-200 bg-red-50 text-red-900" : "border-emerald-200 bg-emerald-50 text-emerald-900"}`}
        >
          <p>{notice.text}</p>
          {notice.details?.length ? (
            <ul className="mt-1 list-disc pl-5">
              {notice.details.map((d) => (
                <li key={d}>{d}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}

      <div className="card overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Actions waiting for your approval, most overdue first</caption>
          <thead className="bg-slate-50 text-xs text-slate-600">
            <tr className="border-b border-slate-200">
              <th scope="col" className="w-8 px-3 py-2">
                <input
                  type="checkbox"
                  className="h-4 w-4"
                  aria-label="Select every item you may approve"
                  checked={allChosen}
                  disabled={approvable.length === 0}
                  onChange={() => setSelected(allChosen ? new Set() : new Set(approvable.map((i) => i.recommendationId)))}
                />
              </th>
              <th scope="col" className="px-3 py-2 font-medium">Action</th>
              <th scope="col" className="px-3 py-2 font-medium">Why</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">Value</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">Margin</th>
              <th scope="col" className="px-3 py-2 text-right font-medium">Working capital</th>
              <th scope="col" className="px-3 py-2 font-medium">Tier</th>
              <th scope="col" className="px-3 py-2 font-medium">Waiting</th>
              <th scope="col" className="px-3 py-2"><span className="sr-only">Decide</span></th>
            </tr>
          </thead>
          <tbody>
            {items.length === 0 ? (
              <tr>
                <td colSpan={9} className="px-3 py-8 text-center text-slate-600">
                  Nothing is waiting for your approval.
                </td>
              </tr>
            ) : null}
            {items.map((item) => (
              <tr key={item.recommendationId} className="border-b border-slate-100 align-top">
                <td className="px-3 py-2.5">
                  <input
                    type="checkbox"
                    className="h-4 w-4"
                    aria-label={`Select ${ACTION_TYPE_LABEL[item.actionType]} ${item.sku} at ${item.locationCode}`}
                    checked={selected.has(item.recommendationId)}
                    disabled={!item.canApprove}
                    onChange={() => toggle(item.recommendationId)}
                  />
                </td>
                <td className="px-3 py-2.5">
                  <p className="font-medium text-slate-900">
                    {ACTION_TYPE_LABEL[item.actionType]} · {formatUnits(item.quantity)} {quantityUnitLabel(item.actionType, item.quantity)}
                  </p>
                  <p className="text-xs text-slate-600">
                    <span className="font-mono">{item.sku}</span> at <span className="font-mono">{item.locationCode}</span> · {item.region} ·{" "}
                    {item.category}
                  </p>
                  {item.modifiedBy ? <p className="text-xs text-slate-600">Modified by {item.modifiedBy.name}</p> : null}
                </td>
                <td className="max-w-md px-3 py-2.5">
                  <p className="text-slate-800">{item.rootCause}</p>
                  {item.routingReasons.length ? (
                    <details className="mt-1 text-xs text-slate-600">
                      <summary className="cursor-pointer">Why this tier</summary>
                      <ul className="mt-1 list-disc pl-4">
                        {item.routingReasons.map((r) => (
                          <li key={r}>{r}</li>
                        ))}
                      </ul>
                    </details>
                  ) : null}
                </td>
                <td className="whitespace-nowrap px-3 py-2.5 text-right font-medium">{formatMoney(item.value)}</td>
                <td className="whitespace-nowrap px-3 py-2.5 text-right">{signedMoney(item.marginImpact)}</td>
                <td className="whitespace-nowrap px-3 py-2.5 text-right">{signedMoney(item.workingCapitalImpact)}</td>
                <td className="whitespace-nowrap px-3 py-2.5">{TIER_LABEL[item.tier]}</td>
                <td className="whitespace-nowrap px-3 py-2.5">
                  <span className={`badge ${SLA_BADGE[item.slaStatus].className}`}>{SLA_BADGE[item.slaStatus].label}</span>
                  <p className="mt-0.5 text-xs text-slate-600">
                    {hours(item.ageHours)} of {hours(item.slaHours)}
                  </p>
                </td>
                <td className="whitespace-nowrap px-3 py-2.5 text-right">
                  {item.canApprove ? (
                    <div className="flex justify-end gap-1.5">
                      <button type="button" className="btn-secondary" disabled={single.isPending} onClick={() => single.mutate(item)}>
                        Approve
                      </button>
                      <button type="button" className="btn-ghost" onClick={() => setRejecting(item)}>
                        Reject…
                      </button>
                    </div>
                  ) : (
                    <p className="max-w-48 whitespace-normal text-xs text-slate-600">{item.blockedReason}</p>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {inbox.data.truncated ? <p className="text-xs text-slate-600">Showing the {items.length} most overdue items.</p> : null}

      <ModalDialog
        open={confirming}
        title={`Approve ${chosen.length} ${chosen.length === 1 ? "action" : "actions"}?`}
        description={`Worth ${formatMoney(chosenValue)} in total. Each approval is recorded in the audit log under your name; an item someone else decided meanwhile is skipped and listed.`}
        onClose={() => setConfirming(false)}
        // Tailwind's preflight removes the UA's auto margins that centre a modal <dialog>.
        width="m-auto w-[30rem]"
      >
        <ul className="mb-4 max-h-48 space-y-0.5 overflow-y-auto text-sm text-slate-800">
          {chosen.map((i) => (
            <li key={i.recommendationId}>
              {ACTION_TYPE_LABEL[i.actionType]} {i.sku} at {i.locationCode} — {formatMoney(i.value)}
            </li>
          ))}
        </ul>
        <div className="flex justify-end gap-2">
          <button type="button" className="btn-secondary" onClick={() => setConfirming(false)}>
            Cancel
          </button>
          <button type="button" className="btn-primary" disabled={batch.isPending} onClick={() => batch.mutate()}>
            {batch.isPending ? "Approving…" : `Approve ${chosen.length}`}
          </button>
        </div>
      </ModalDialog>

      {rejecting ? (
        <RejectDialog
          item={rejecting}
          onClose={() => setRejecting(null)}
          onDone={(text, tone) => {
            setNotice({ text, tone });
            setRejecting(null);
            void refresh();
          }}
        />
      ) : null}
    </div>
  );
}

function RejectDialog({
  item,
  onClose,
  onDone,
}: {
  item: TPendingApproval;
  onClose: () => void;
  onDone: (text: string, tone: "ok" | "error") => void;
}) {
  const id = useId();
  const [reasonCode, setReasonCode] = useState<TReasonCode | "">("");
  const [comment, setComment] = useState("");
  const reject = useMutation({
    mutationFn: (code: TReasonCode) =>
      decide(item.recommendationId, { decision: "reject", expectedVersion: item.version, reasonCode: code, comment: comment.trim() || undefined }),
    onSuccess: () => onDone(`Rejected: ${ACTION_TYPE_LABEL[item.actionType]} ${item.sku} at ${item.locationCode}.`, "ok"),
    onError: (error) => {
      // A conflict means someone else decided first: close and say so; anything else stays in the dialog.
      if (error instanceof ApiError && error.status === 409) onDone(error.message, "error");
    },
  });
  const needsComment = reasonCode === "other" && comment.trim() === "";
  return (
    <ModalDialog
      open
      title="Reject this action"
      description={`${ACTION_TYPE_LABEL[item.actionType]} ${item.sku} at ${item.locationCode}, ${formatMoney(item.value)}.`}
      onClose={onClose}
      width="m-auto w-[30rem]"
    >
      <form
        className="space-y-3"
        onSubmit={(e) => {
          e.preventDefault();
          if (reasonCode && !needsComment) reject.mutate(reasonCode);
        }}
      >
        <div>
          <label htmlFor={`${id}-reason`} className="field-label">
            Reason
          </label>
          <select id={`${id}-reason`} required className="field-input" value={reasonCode} onChange={(e) => setReasonCode(e.target.value as TReasonCode)}>
            <ReasonCodeOptions />
          </select>
        </div>
        <div>
          <label htmlFor={`${id}-comment`} className="field-label">
            Comment {reasonCode === "other" ? "" : <span className="font-normal text-slate-500">(optional)</span>}
          </label>
          <textarea id={`${id}-comment`} className="field-input" rows={2} maxLength={1000} value={comment} onChange={(e) => setComment(e.target.value)} />
        </div>
        {reject.error && !(reject.error instanceof ApiError && reject.error.status === 409) ? (
          <p role="alert" className="text-sm text-red-800">
            {reject.error instanceof ApiError ? reject.error.message : "The rejection failed."}
          </p>
        ) : null}
        <div className="flex justify-end gap-2">
          <button type="button" className="btn-secondary" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn-primary" disabled={!reasonCode || needsComment || reject.isPending}>
            Reject
          </button>
        </div>
      </form>
    </ModalDialog>
  );
}
