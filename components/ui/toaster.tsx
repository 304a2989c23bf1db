"use client";

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from "react";

type ToastTone = "success" | "error" | "info";
interface Toast {
  id: number;
  tone: ToastTone;
  message: string;
}

interface ToastApi {
  notify: (tone: ToastTone, message: string) => void;
}

const ToastContext = createContext<ToastApi | null>(null);

const TONE_CLASS: Record<ToastTone, string> = {
  success: "border-emerald-200 bg-white text-slate-900 [&_[data-dot]]:bg-emerald-500",
  error: "border-red-300 bg-red-50 text-red-900 [&_[data-dot]]:bg-red-500",
  info: "border-slate-200 bg-white text-slate-900 [&_[data-dot]]:bg-brand-600",
};

/** Errors stay until dismissed (the user must be able to read why); confirmations fade. */
const SUCCESS_MS = 4_000;

export function Toaster({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((all) => all.filter((t) => t.id !== id)), []);
  const notify = useCallback(
    (tone: ToastTone, message: string) => {
      const id = nextId.current++;
      setToasts((all) => [...all.slice(-3), { id, tone, message }]);
      if (tone !== "error") window.setTimeout(() => dismiss(id), SUCCESS_MS);
    },
    [dismiss],
  );
  const api = useMemo(() => ({ notify }), [notify]);
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div aria-live="polite" className="pointer-events-none fixed bottom-4 right-4 z-50 flex w-96 max-w-[calc(100vw-2rem)] flex-col gap-2">
        {toasts.map((toast) => (
          <div
            key={toast.id}
            role={toast.tone === "error" ? "alert" : "status"}
            className={`pointer-events-auto flex items-start gap-2 rounded-md border px-3 py-2 text-sm shadow-md ${TONE_CLASS[toast.tone]}`}
          >
            <span data-dot aria-hidden="true" className="mt-1.5 h-2 w-2 shrink-0 rounded-full" />
            <p className="flex-1">{toast.message}</p>
            <button type="button" className="-my-0.5 rounded px-1 text-slate-600 hover:bg-slate-100" aria-label="Dismiss notification" onClick={() => dismiss(toast.id)}>
              ×
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error("useToast needs a <Toaster> above it");
  return api;
}
