"use client";

import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import type { QueueOption } from "@/lib/contracts/exceptions";

/** Closes a popover on Escape or a click outside it, returning focus to its button on Escape. */
function usePopover() {
  const [open, setOpen] = useState(false);
  const rootRef = useRef<HTMLDivElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const onPointer = (event: PointerEvent) => {
      if (!rootRef.current?.contains(event.target as Node)) setOpen(false);
    };
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      event.stopPropagation();
      setOpen(false);
      buttonRef.current?.focus();
    };
    document.addEventListener("pointerdown", onPointer);
    document.addEventListener("keydown", onKey, true);
    return () => {
      document.removeEventListener("pointerdown", onPointer);
      document.removeEventListener("keydown", onKey, true);
    };
  }, [open]);
  return { open, setOpen, rootRef, buttonRef };
}

const triggerClass = (active: boolean) =>
  `inline-flex h-7 items-center gap-1 rounded-md border px-2 text-xs font-medium whitespace-nowrap ${
    active ? "border-brand-600/40 bg-brand-50 text-brand-800" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"
  }`;

export function FilterPopover({
  label,
  summary,
  active,
  children,
  align = "left",
  summaryWidth = "max-w-32",
}: {
  label: string;
  /** Shown after the label when the filter is set, e.g. "Stockout" or "3". */
  summary: string | null;
  active: boolean;
  children: (close: () => void) => ReactNode;
  align?: "left" | "right";
  /** Tailwind max-width of the summary before it is cut with an ellipsis. */
  summaryWidth?: string;
}) {
  const { open, setOpen, rootRef, buttonRef } = usePopover();
  const panelId = useId();
  return (
    <div ref={rootRef} className="relative">
      <button
        ref={buttonRef}
        type="button"
        aria-expanded={open}
        aria-controls={panelId}
        aria-label={summary ? `${label} filter: ${summary}` : `${label} filter`}
        className={triggerClass(active)}
        onClick={() => setOpen((v) => !v)}
      >
        {label}
        {summary ? <span className={`${summaryWidth} truncate font-semibold`}>: {summary}</span> : null}
        <svg aria-hidden="true" viewBox="0 0 12 12" className="h-3 w-3 text-slate-500">
          <path d="M3 4.5 6 7.5 9 4.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        </svg>
      </button>
      {open ? (
        <div
          id={panelId}
          role="group"
          aria-label={`${label} filter`}
          className={`absolute top-8 z-30 min-w-56 rounded-md border border-slate-200 bg-white p-2 shadow-lg ${align === "right" ? "right-0" : "left-0"}`}
        >
          {children(() => setOpen(false))}
        </div>
      ) : null}
    </div>
  );
}

/** Multi-select filter: values are OR-ed. Long lists get a search box. */
export function MultiSelectFilter({
  label,
  options,
  selected,
  onChange,
  emptySummary = null,
  summaryWidth,
}: {
  label: string;
  options: QueueOption[];
  selected: string[];
  onChange: (values: string[]) => void;
  /** What no selection means, when it is not "everything" (the status filter defaults to open). */
  emptySummary?: string | null;
  /** Tailwind max-width of the chosen value's name on the button (long names: models). */
  summaryWidth?: string;
}) {
  const [text, setText] = useState("");
  // The selection lives in the URL, which updates after a navigation; until then the boxes show the
  // click, so a checkbox never appears to ignore it.
  const selectedKey = selected.join("\u0000");
  const [shown, setShown] = useState({ key: selectedKey, values: selected });
  if (shown.key !== selectedKey) setShown({ key: selectedKey, values: selected });
  const current = shown.key === selectedKey ? shown.values : selected;
  const labelOf = (value: string) => options.find((o) => o.value === value)?.label ?? value;
  const summary = current.length === 0 ? emptySummary : current.length === 1 ? labelOf(current[0]!) : `${current.length}`;
  const visible = text ? options.filter((o) => o.label.toLowerCase().includes(text.toLowerCase())) : options;
  const choose = (values: string[]) => {
    setShown({ key: selectedKey, values });
    onChange(values);
  };
  const toggle = (value: string) => choose(current.includes(value) ? current.filter((v) => v !== value) : [...current, value]);
  return (
    <FilterPopover label={label} summary={summary} active={current.length > 0} summaryWidth={summaryWidth}>
      {() => (
        <div className="w-64">
          {options.length > 8 ? (
            <input
              type="search"
              aria-label={`Find a ${label.toLowerCase()}`}
              placeholder={`Find ${label.toLowerCase()}…`}
              className="mb-1.5 block w-full rounded border border-slate-300 px-2 py-1 text-xs"
              value={text}
              onChange={(e) => setText(e.target.value)}
              autoFocus
            />
          ) : null}
          <ul className="max-h-64 overflow-y-auto">
            {visible.map((option) => (
              <li key={option.value}>
                <label className="flex cursor-pointer items-center gap-2 rounded px-1.5 py-1 text-xs text-slate-800 hover:bg-slate-50">
                  <input
                    type="checkbox"
                    className="h-3.5 w-3.5 accent-brand-600"
                    checked={current.includes(option.value)}
                    onChange={() => toggle(option.value)}
                  />
                  <span className="truncate" title={option.label}>
                    {option.label}
                  </span>
                </label>
              </li>
            ))}
            {visible.length === 0 ? <li className="px-1.5 py-1 text-xs text-slate-600">No match.</li> : null}
          </ul>
          {current.length > 0 ? (
            <button type="button" className="mt-1 w-full rounded px-1.5 py-1 text-left text-xs text-brand-700 hover:bg-slate-50" onClick={() => choose([])}>
              Clear {label.toLowerCase()}
            </button>
          ) : null}
        </div>
      )}
    </FilterPopover>
  );
}

/** Money-at-risk range; applied on submit so typing does not fire a request per keystroke. */
export function ValueRangeFilter({
  min,
  max,
  onChange,
}: {
  min: string;
  max: string;
  onChange: (range: { minValue: string; maxValue: string }) => void;
}) {
  const summary = min && max ? `$${min}–$${max}` : min ? `≥ $${min}` : max ? `≤ $${max}` : null;
  return (
    <FilterPopover label="Value" summary={summary} active={summary !== null}>
      {(close) => (
        <form
          className="w-56 space-y-2 p-1"
          onSubmit={(event) => {
            event.preventDefault();
            const data = new FormData(event.currentTarget);
            onChange({ minValue: String(data.get("minValue") ?? ""), maxValue: String(data.get("maxValue") ?? "") });
            close();
          }}
        >
          <p className="text-xs font-medium text-slate-700">Money at risk (USD)</p>
          <div className="flex items-center gap-2">
            <input name="minValue" type="number" min={0} step="any" defaultValue={min} aria-label="Minimum money at risk" placeholder="Min" className="w-full rounded border border-slate-300 px-2 py-1 text-xs tabular-nums" autoFocus />
            <span className="text-slate-500">–</span>
            <input name="maxValue" type="number" min={0} step="any" defaultValue={max} aria-label="Maximum money at risk" placeholder="Max" className="w-full rounded border border-slate-300 px-2 py-1 text-xs tabular-nums" />
          </div>
          <div className="flex justify-end gap-1">
            {summary ? (
              <button
                type="button"
                className="rounded px-2 py-1 text-xs text-slate-700 hover:bg-slate-100"
                onClick={() => {
                  onChange({ minValue: "", maxValue: "" });
                  close();
                }}
              >
                Clear
              </button>
            ) : null}
            <button type="submit" className="rounded bg-brand-600 px-2 py-1 text-xs font-medium text-white hover:bg-brand-700">
              Apply
            </button>
          </div>
        </form>
      )}
    </FilterPopover>
  );
}
