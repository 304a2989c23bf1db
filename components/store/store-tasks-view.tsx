"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useId, useState, type ReactNode } from "react";
import { apiFetch, errorMessage } from "@/components/ui/api-client";
import { formatDate, formatInt } from "@/lib/contracts/format";
import { Toaster, useToast } from "@/components/ui/toaster";
import type { TStoreCountTask, TStoreReceiptTask, TStoreTasks, TStoreTransferTask } from "@/lib/contracts/store-tasks";

const TASKS_KEY = ["store-tasks"] as const;

const fetchStoreTasks = () => apiFetch<TStoreTasks>("/api/v1/store-tasks");
const post = (url: string, body: unknown) => apiFetch<unknown>(url, { method: "POST", body: JSON.stringify(body) });

/** A whole, non-negative unit count typed on a phone keypad; null while the field is not one. */
function parseUnits(text: string): number | null {
  if (!/^\d{1,7}$/.test(text.trim())) return null;
  return Number(text.trim());
}

function signedUnits(n: number): string {
  return n > 0 ? `+${formatInt(n)}` : n < 0 ? `−${formatInt(-n)}` : "0";
}

function Section({ id, title, count, empty, children }: { id: string; title: string; count: number; empty: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="mb-6">
      <h2 id={id} className="mb-2 flex items-baseline gap-2 text-base font-semibold text-slate-900">
        {title}
        <span className="badge bg-slate-100 text-slate-700">{formatInt(count)}</span>
      </h2>
      {count === 0 ? <p className="card px-4 py-3 text-sm text-slate-600">{empty}</p> : <ul className="space-y-3">{children}</ul>}
    </section>
  );
}

function ProductLine({ product }: { product: { sku: string; name: string } }) {
  return (
    <p className="font-medium break-words text-slate-900">
      {product.name} <span className="text-xs font-normal text-slate-500">{product.sku}</span>
    </p>
  );
}

function UnitsField({ label, value, onChange, describedBy, width = "w-32" }: { label: string; value: string; onChange: (v: string) => void; describedBy?: string; width?: string }) {
  const id = useId();
  return (
    <div className="min-w-0">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <input
        id={id}
        inputMode="numeric"
        pattern="[0-9]*"
        autoComplete="off"
        className={`field-input ${width} text-base tabular-nums`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-describedby={describedBy}
        aria-invalid={parseUnits(value) === null}
      />
    </div>
  );
}

function ActionButton({ allowed, refusal, pending, disabled, onClick, children }: { allowed: boolean; refusal: string; pending: boolean; disabled: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button type="button" className="btn-primary h-10 min-w-32" disabled={!allowed || disabled || pending} title={allowed ? undefined : refusal} onClick={onClick}>
      {pending ? "Saving…" : children}
    </button>
  );
}

function useStoreAction<T>(url: string, success: (body: T) => string) {
  const queryClient = useQueryClient();
  const { notify } = useToast();
  return useMutation({
    mutationFn: (body: T) => post(url, body),
    onSuccess: (_result, body) => {
      notify("success", success(body));
      void queryClient.invalidateQueries({ queryKey: TASKS_KEY });
    },
    onError: (error) => notify("error", errorMessage(error)),
  });
}

function TransferCard({ task, allowed }: { task: TStoreTransferTask; allowed: boolean }) {
  const [units, setUnits] = useState(String(task.quantity));
  const quantity = parseUnits(units);
  const shipping = task.step === "shipped";
  const confirm = useStoreAction<{ recommendationId: string; step: string; quantity: number }>("/api/v1/store-tasks/transfers", (b) =>
    shipping ? `Shipped ${formatInt(b.quantity)} units of ${task.product.name}.` : `Received ${formatInt(b.quantity)} units of ${task.product.name}.`,
  );
  const hint = useId();
  return (
    <li className="card p-4">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">{shipping ? `Ship to ${task.to.name}` : `Receive from ${task.from.name}`}</p>
      <ProductLine product={task.product} />
      <p id={hint} className="mt-1 text-sm text-slate-600">
        {formatInt(task.quantity)} units approved {task.approvedAt ? `on ${formatDate(task.approvedAt)}` : ""}
        {!shipping && task.shippedAt ? ` · shipped ${formatDate(task.shippedAt)}` : ""}.{" "}
        <Link className="text-brand-700 underline" href={`/exceptions/${task.exceptionId}`}>
          Why this transfer
        </Link>
      </p>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <UnitsField label={shipping ? "Units shipped" : "Units received"} value={units} onChange={setUnits} describedBy={hint} />
        <ActionButton
          allowed={allowed}
          refusal="Your role cannot confirm transfers."
          pending={confirm.isPending}
          disabled={quantity === null}
          onClick={() => quantity !== null && confirm.mutate({ recommendationId: task.recommendationId, step: task.step, quantity })}
        >
          {shipping ? "Confirm shipped" : "Confirm received"}
        </ActionButton>
      </div>
    </li>
  );
}

function CountCard({ task, allowed }: { task: TStoreCountTask; allowed: boolean }) {
  const [units, setUnits] = useState("");
  const counted = parseUnits(units);
  const save = useStoreAction<{ exceptionId: string; countedQuantity: number; expectedVersion: number }>("/api/v1/store-tasks/cycle-counts", (b) =>
    `Count saved: ${task.product.name} now reads ${formatInt(b.countedQuantity)} units on hand.`,
  );
  const hint = useId();
  const difference = counted !== null && task.recordedOnHand !== null ? counted - task.recordedOnHand : null;
  return (
    <li className="card p-4">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Count at {task.location.name}</p>
      <ProductLine product={task.product} />
      <p className="mt-1 text-sm text-slate-600">
        {task.summary}{" "}
        <Link className="text-brand-700 underline" href={`/exceptions/${task.exceptionId}`}>
          Details
        </Link>
      </p>
      <p id={hint} className="mt-1 text-sm text-slate-700">
        Recorded on hand: <span className="font-medium tabular-nums">{task.recordedOnHand === null ? "none" : `${formatInt(task.recordedOnHand)} units`}</span>
        {difference !== null ? (
          <>
            {" "}
            · your count changes it by <span className="font-medium tabular-nums">{signedUnits(difference)} units</span>
          </>
        ) : null}
      </p>
      <div className="mt-3 flex flex-wrap items-end gap-3">
        <UnitsField label="Counted units" value={units} onChange={setUnits} describedBy={hint} />
        <ActionButton
          allowed={allowed}
          refusal="Your role cannot record counts."
          pending={save.isPending}
          disabled={counted === null}
          onClick={() => counted !== null && save.mutate({ exceptionId: task.exceptionId, countedQuantity: counted, expectedVersion: task.version })}
        >
          Save count
        </ActionButton>
      </div>
    </li>
  );
}

function ReceiptCard({ task, allowed }: { task: TStoreReceiptTask; allowed: boolean }) {
  const open = task.lines.filter((l) => l.qtyOutstanding > 0);
  const [units, setUnits] = useState<Record<number, string>>(() => Object.fromEntries(open.map((l) => [l.lineNo, String(l.qtyOutstanding)])));
  const parsed = open.map((l) => ({ lineNo: l.lineNo, qtyReceived: parseUnits(units[l.lineNo] ?? "") }));
  const valid = parsed.every((l) => l.qtyReceived !== null) && parsed.some((l) => (l.qtyReceived ?? 0) > 0);
  const receive = useStoreAction<{ poNumber: string; lines: { lineNo: number; qtyReceived: number }[] }>("/api/v1/store-tasks/receipts", (b) =>
    `Received ${formatInt(b.lines.reduce((s, l) => s + l.qtyReceived, 0))} units on ${task.poNumber}.`,
  );
  const due = task.daysLate > 0 ? `${formatInt(task.daysLate)} days late` : task.daysLate === 0 ? "due today" : `due in ${formatInt(-task.daysLate)} days`;
  return (
    <li className="card p-4">
      <p className="text-xs font-medium uppercase tracking-wide text-slate-500">Delivery to {task.location.name}</p>
      <p className="font-medium text-slate-900">
        {task.supplier.name} <span className="text-xs font-normal text-slate-500">{task.poNumber}</span>
      </p>
      <p className="mt-1 text-sm text-slate-600">
        Promised {formatDate(task.promisedAt)} · <span className={task.daysLate > 0 ? "font-medium text-amber-800" : ""}>{due}</span>
        {task.status === "PARTIAL" ? " · partly received" : ""}
      </p>
      <ul className="mt-3 space-y-2">
        {open.map((line) => (
          // Two fixed columns, so every line's units field sits in the same place whatever the product name's length.
          <li key={line.lineNo} className="grid grid-cols-[minmax(0,1fr)_auto] items-end gap-x-3 border-t border-slate-100 pt-2">
            <div className="min-w-0">
              <ProductLine product={line.product} />
              <p className="text-xs text-slate-600">
                {formatInt(line.qtyOutstanding)} of {formatInt(line.qtyOrdered)} units still expected
              </p>
            </div>
            <UnitsField label="Units received" width="w-24" value={units[line.lineNo] ?? ""} onChange={(v) => setUnits((all) => ({ ...all, [line.lineNo]: v }))} />
          </li>
        ))}
      </ul>
      <div className="mt-3">
        <ActionButton
          allowed={allowed}
          refusal="Your role cannot receive deliveries."
          pending={receive.isPending}
          disabled={!valid}
          onClick={() =>
            valid && receive.mutate({ poNumber: task.poNumber, lines: parsed.map((l) => ({ lineNo: l.lineNo, qtyReceived: l.qtyReceived ?? 0 })) })
          }
        >
          Receive delivery
        </ActionButton>
      </div>
    </li>
  );
}

function StoreTasks({ initial }: { initial: TStoreTasks }) {
  const tasks = useQuery({ queryKey: TASKS_KEY, queryFn: fetchStoreTasks, initialData: initial });
  const { transfers, transfersAwaitingApproval: awaitingApproval, counts, receipts, can } = tasks.data;
  return (
    <div className="max-w-3xl">
      <nav aria-label="Store tasks" className="mb-4 flex flex-wrap gap-2 text-sm">
        <a href="#transfers" className="btn-secondary">
          Transfers <span className="tabular-nums">{formatInt(transfers.length)}</span>
        </a>
        <a href="#counts" className="btn-secondary">
          Counts <span className="tabular-nums">{formatInt(counts.length)}</span>
        </a>
        <a href="#deliveries" className="btn-secondary">
          Deliveries <span className="tabular-nums">{formatInt(receipts.length)}</span>
        </a>
      </nav>
      {tasks.isError ? <p role="alert" className="mb-3 text-sm text-red-800">{errorMessage(tasks.error)}</p> : null}
      <div id="transfers">
        <Section id="transfers-title" title="Transfers to confirm" count={transfers.length} empty={
            awaitingApproval > 0
              ? `No approved transfer is waiting for your store. ${formatInt(awaitingApproval)} proposed transfer${awaitingApproval === 1 ? "" : "s"} of your stores ${awaitingApproval === 1 ? "awaits" : "await"} approval; ${awaitingApproval === 1 ? "it appears" : "they appear"} here once approved.`
              : "No approved transfer is waiting for your store."
          }
        >
          {transfers.map((t) => (
            <TransferCard key={`${t.recommendationId}-${t.step}`} task={t} allowed={can.confirmTransfers} />
          ))}
        </Section>
      </div>
      <div id="counts">
        <Section id="counts-title" title="Shelves to count" count={counts.length} empty="No stock record is in doubt. Nothing to count.">
          {counts.map((c) => (
            <CountCard key={c.exceptionId} task={c} allowed={can.count} />
          ))}
        </Section>
      </div>
      <div id="deliveries">
        <Section id="deliveries-title" title="Deliveries due" count={receipts.length} empty="No purchase order is due at your store this week.">
          {receipts.map((r) => (
            <ReceiptCard key={r.poNumber} task={r} allowed={can.receive} />
          ))}
        </Section>
      </div>
      <p className="text-sm text-slate-600">
        Everything else for your stores is in the <Link className="text-brand-700 underline" href="/queue">exception queue</Link>.
      </p>
    </div>
  );
}

/** The store manager's phone-first page: one card per task, big touch targets, the counted number typed on a keypad. */
export function StoreTasksView({ initial }: { initial: TStoreTasks }) {
  return (
    <Toaster>
      <StoreTasks initial={initial} />
    </Toaster>
  );
}
