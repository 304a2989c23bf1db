"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useId, useMemo, useState } from "react";
import { formatInt, formatMoney } from "@/lib/contracts/format";
import { ModalDialog } from "@/components/ui/modal-dialog";
import {
  approvalTotals,
  TIER_LABEL,
  type BatchApprovalSummary,
  type THumanTier,
  type TPendingApproval,
  type TPendingApprovals,
  type TReasonCode,
} from "@/lib/contracts/governance";
import { ReasonCodeOptions } from "@/components/ui/reason-code-options";
import { actionTitle, ApprovalCard, signedMoney } from "./approval-card";
import { ApiError } from "@/components/ui/api-client";
import { batchApprove, decide, fetchInbox } from "./approvals-api";

const QUERY_KEY = ["approvals-inbox"];

/** What the approver is told when approved forecast changes queued replans of their series (a forecast override's, on the exception page). */
function replanSentence(series: number, runs: number): string {
  if (runs === 0) return "";
  const what = series === 1 ? "The series whose forecast changed is" : `The ${formatInt(series)} series whose forecast changed are`;
  return ` ${what} being replanned now (${runs === 1 ? "one plan run" : `${formatInt(runs)} plan runs`} queued); the queue shows what follows when ${runs === 1 ? "it finishes" : "they finish"}.`;
}

export function ApprovalsInbox({ initial }: { initial: TPendingApprovals }) {
  const client = useQueryClient();
  const inbox = useQuery({ queryKey: QUERY_KEY, queryFn: fetchInbox, initialData: initial });
  const [tier, setTier] = useState<THumanTier | "all">("all");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [confirming, setConfirming] = useState(false);
  const [confirmingOne, setConfirmingOne] = useState<TPendingApproval | null>(null);
  const [rejecting, setRejecting] = useState<TPendingApproval | null>(null);
  const [notice, setNotice] = useState<{ tone: "ok" | "error"; text: string; details?: string[] } | null>(null);

  const { confirmAboveValue } = inbox.data;
  const items = useMemo(() => inbox.data.items.filter((i) => tier === "all" || i.tier === tier), [inbox.data.items, tier]);
  const totals = useMemo(() => approvalTotals(items), [items]);
  const approvable = items.filter((i) => i.canApprove);
  const chosen = approvable.filter((i) => selected.has(i.recommendationId));
  const chosenTotals = approvalTotals(chosen);

  const refresh = () => client.invalidateQueries({ queryKey: QUERY_KEY });

  const single = useMutation({
    mutationFn: (item: TPendingApproval) => decide(item.recommendationId, { decision: "approve", expectedVersion: item.version }),
    onSuccess: ({ replanRunId }, item) =>
      setNotice({ tone: "ok", text: `Approved: ${actionTitle(item)}.${replanRunId ? replanSentence(1, 1) : ""}` }),
    onError: (error) => setNotice({ tone: "error", text: error instanceof ApiError ? error.message : "The approval failed." }),
    onSettled: () => {
      setConfirmingOne(null);
      void refresh();
    },
  });
  /** Large approvals ask first; the threshold is the approval policy's. */
  const approve = (item: TPendingApproval) => (item.value > confirmAboveValue ? setConfirmingOne(item) : single.mutate(item));

  const batch = useMutation({
    mutationFn: () =>
      batchApprove({
        items: chosen.map((i) => ({ recommendationId: i.recommendationId, expectedVersion: i.version })),
        confirm: true,
      }),
    onSuccess: (summary: BatchApprovalSummary) => {
      const byId = new Map(inbox.data.items.map((i) => [i.recommendationId, i]));
      const refused = summary.results.flatMap((r) => {
        const item = byId.get(r.recommendationId);
        return r.outcome === "refused" ? [`${item ? actionTitle(item) : "An action"}: ${r.message}`] : [];
      });
      setNotice({
        tone: refused.length ? "error" : "ok",
        text: `${summary.approved} approved${refused.length ? `, ${refused.length} not approved` : ""}.${replanSentence(summary.replannedSeries, summary.replanRunIds.length)}`,
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
  const elsewhere = inbox.data.elsewhere;

  return (
    <div className="max-w-6xl space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <dl className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
          <div>
            <dt className="text-slate-600">Exceptions waiting</dt>
            <dd className="text-base font-semibold tabular-nums">
              {formatInt(totals.exceptions)}
              <span className="ml-1 text-xs font-normal text-slate-600">
                ({formatInt(totals.items)} {totals.items === 1 ? "action" : "actions"})
              </span>
            </dd>
          </div>
          <div>
            <dt className="text-slate-600">Value</dt>
            <dd className="text-base font-semibold tabular-nums">{formatMoney(totals.value)}</dd>
          </div>
          <div>
            <dt className="text-slate-600">Past SLA</dt>
            <dd className={`text-base font-semibold tabular-nums ${totals.overdue ? "text-red-800" : ""}`}>{formatInt(totals.overdue)}</dd>
          </div>
        </dl>
        <div className="flex flex-wrap items-end gap-3">
          {inbox.data.tiers.length > 1 ? (
            <label className="text-sm">
              <span className="field-label">Tier</span>
              <select className="field-input w-44" value={tier} onChange={(e) => setTier(e.target.value as THumanTier | "all")}>
                <option value="all">All my tiers</option>
                {inbox.data.tiers.map((t) => (
                  <option key={t} value={t}>
                    {TIER_LABEL[t]}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          <label className="flex h-9 items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              className="h-4 w-4"
              checked={allChosen}
              disabled={approvable.length === 0}
              onChange={() => setSelected(allChosen ? new Set() : new Set(approvable.map((i) => i.recommendationId)))}
            />
            Select all I may approve
          </label>
          <button type="button" className="btn-primary" disabled={chosen.length === 0 || batch.isPending} onClick={() => setConfirming(true)}>
            Approve selected ({chosen.length})
          </button>
        </div>
      </div>
      <p className="text-xs text-slate-600">
        Totals count one action per exception (the engine&apos;s best-ranked one here): alternatives for the same exception are either-or. Value is what
        sets each action&apos;s tier: goods at cost for a transfer or an order, the price given away for a markdown. Margin effect is
        the margin an action protects minus what it costs; working capital is stock at cost it adds (+) or releases (−).
      </p>

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

      <section aria-labelledby="inbox-mine">
        <h2 id="inbox-mine" className="mb-2 text-base font-semibold text-slate-900">
          Yours to approve
        </h2>
        {items.length === 0 ? (
          <p className="card px-4 py-6 text-center text-sm text-slate-600">Nothing is waiting for your approval.</p>
        ) : (
          <ul className="space-y-3">
            {items.map((item) => (
              <ApprovalCard
                key={item.recommendationId}
                item={item}
                selected={selected.has(item.recommendationId)}
                onToggle={() => toggle(item.recommendationId)}
                onApprove={() => approve(item)}
                onReject={() => setRejecting(item)}
                busy={single.isPending}
              />
            ))}
          </ul>
        )}
        {inbox.data.truncated ? <p className="mt-2 text-xs text-slate-600">Showing the {items.length} most overdue items.</p> : null}
      </section>

      {elsewhere.length > 0 ? (
        <section aria-labelledby="inbox-elsewhere">
          <details>
            <summary className="cursor-pointer">
              <h2 id="inbox-elsewhere" className="inline text-base font-semibold text-slate-900">
                Waiting with other approvers
              </h2>{" "}
              <span className="text-sm text-slate-600">
                {formatInt(inbox.data.elsewhereTotals.exceptions)} exceptions · {formatMoney(inbox.data.elsewhereTotals.value)} at cost — largest first; you may approve those your tier covers
              </span>
            </summary>
            <ul className="mt-3 space-y-3">
              {elsewhere.map((item) => (
                <ApprovalCard key={item.recommendationId} item={item} onApprove={() => approve(item)} onReject={() => setRejecting(item)} busy={single.isPending} />
              ))}
            </ul>
          </details>
        </section>
      ) : null}

      <ModalDialog
        open={confirmingOne !== null}
        title="Approve this action?"
        description={
          confirmingOne
            ? `${actionTitle(confirmingOne)}, worth ${formatMoney(confirmingOne.value)} at cost — above the ${formatMoney(confirmAboveValue)} that asks for a confirmation. Margin effect ${signedMoney(confirmingOne.marginImpact)}, working capital ${signedMoney(confirmingOne.workingCapitalImpact)}.`
            : undefined
        }
        onClose={() => setConfirmingOne(null)}
        width="m-auto w-[30rem]"
      >
        <div className="flex justify-end gap-2">
          <button type="button" className="btn-secondary" onClick={() => setConfirmingOne(null)}>
            Cancel
          </button>
          <button type="button" className="btn-primary" disabled={single.isPending} onClick={() => confirmingOne && single.mutate(confirmingOne)}>
            {single.isPending ? "Approving…" : `Approve ${confirmingOne ? formatMoney(confirmingOne.value) : ""}`}
          </button>
        </div>
      </ModalDialog>

      <ModalDialog
        open={confirming}
        title={`Approve ${chosen.length} ${chosen.length === 1 ? "action" : "actions"}?`}
        description={`${formatMoney(chosenTotals.value)} at cost over ${chosenTotals.exceptions} ${chosenTotals.exceptions === 1 ? "exception" : "exceptions"}. Each approval is recorded in the audit log under your name; an item someone else decided meanwhile is skipped and listed.`}
        onClose={() => setConfirming(false)}
        // Tailwind's preflight removes the UA's auto margins that centre a modal <dialog>.
        width="m-auto w-[30rem]"
      >
        <ul className="mb-4 max-h-48 space-y-0.5 overflow-y-auto text-sm text-slate-800">
          {chosen.map((i) => (
            <li key={i.recommendationId}>
              {actionTitle(i)} — {formatMoney(i.value)}
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
    onSuccess: () => onDone(`Rejected: ${actionTitle(item)}.`, "ok"),
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
      description={`${actionTitle(item)}, ${formatMoney(item.value)} at cost.`}
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
