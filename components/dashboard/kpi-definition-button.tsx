"use client";

import { useEffect, useId, useRef, useState } from "react";

/** The KPI's written definition, one click (or Enter/Space) away; Escape or a click elsewhere closes it. */
export function KpiDefinitionButton({ label, definition }: { label: string; definition: string }) {
  const [open, setOpen] = useState(false);
  const id = useId();
  const root = useRef<HTMLSpanElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (event: MouseEvent | KeyboardEvent) => {
      if (event instanceof KeyboardEvent ? event.key === "Escape" : !root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("mousedown", close);
      document.removeEventListener("keydown", close);
    };
  }, [open]);
  return (
    <span ref={root} className="relative inline-flex">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={id}
        aria-label={`Definition of ${label}`}
        data-kind="definition"
        className="inline-flex h-4 w-4 items-center justify-center rounded-full border border-slate-300 text-[10px] font-semibold text-slate-500 hover:border-slate-500 hover:text-slate-800"
        onClick={() => setOpen((o) => !o)}
      >
        i
      </button>
      {open ? (
        <span id={id} role="note" className="absolute left-0 top-6 z-20 w-72 rounded-md border border-slate-200 bg-white p-3 text-xs font-normal leading-relaxed text-slate-700 shadow-lg">
          {definition}
        </span>
      ) : null}
    </span>
  );
}
