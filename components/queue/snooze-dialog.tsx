"use client";

import { useState, type FormEvent } from "react";
import { formatDate } from "@/lib/contracts/format";
import { ModalDialog } from "@/components/ui/modal-dialog";

const PRESETS = [
  { label: "Tomorrow", days: 1 },
  { label: "3 days", days: 3 },
  { label: "1 week", days: 7 },
  { label: "2 weeks", days: 14 },
] as const;

function isoDateInDays(days: number): string {
  const date = new Date();
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

export interface SnoozeChoice {
  until: string;
  comment?: string;
}

/** Snooze until a date (one week by default, so `s` then Enter is the fast path). */
export function SnoozeDialog({
  open,
  subject,
  onClose,
  onConfirm,
}: {
  open: boolean;
  subject: string;
  onClose: () => void;
  onConfirm: (choice: SnoozeChoice) => void;
}) {
  return (
    <ModalDialog open={open} title="Snooze" description={subject} onClose={onClose}>
      <SnoozeForm onCancel={onClose} onConfirm={onConfirm} />
    </ModalDialog>
  );
}

function SnoozeForm({ onCancel, onConfirm }: { onCancel: () => void; onConfirm: (choice: SnoozeChoice) => void }) {
  const [until, setUntil] = useState(() => isoDateInDays(7));
  const [comment, setComment] = useState("");
  const tomorrow = isoDateInDays(1);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (until < tomorrow) return;
    onConfirm({ until, comment: comment.trim() || undefined });
  };
  return (
    <form onSubmit={submit} className="space-y-4">
      <div className="flex flex-wrap gap-1.5" role="group" aria-label="Quick choices">
        {PRESETS.map((preset) => {
          const value = isoDateInDays(preset.days);
          return (
            <button
              key={preset.days}
              type="button"
              aria-pressed={until === value}
              onClick={() => setUntil(value)}
              className={`btn px-2.5 py-1 text-xs ring-1 ${until === value ? "bg-brand-50 text-brand-800 ring-brand-600" : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-50"}`}
            >
              {preset.label}
            </button>
          );
        })}
      </div>
      <div>
        <label htmlFor="snooze-until" className="field-label">
          Snooze until
        </label>
        <input id="snooze-until" type="date" className="field-input" min={tomorrow} value={until} required onChange={(e) => setUntil(e.target.value)} />
        <p className="mt-1 text-xs text-slate-600">It returns to the queue on {formatDate(until)}, or earlier if a plan run finds it worse.</p>
      </div>
      <div>
        <label htmlFor="snooze-comment" className="field-label">
          Comment <span className="font-normal text-slate-600">(optional)</span>
        </label>
        <input id="snooze-comment" className="field-input" value={comment} maxLength={1000} onChange={(e) => setComment(e.target.value)} />
      </div>
      <div className="flex justify-end gap-2">
        <button type="button" className="btn-ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="submit" className="btn-primary" autoFocus>
          Snooze
        </button>
      </div>
    </form>
  );
}
