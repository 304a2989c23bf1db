"use client";

import { ModalDialog } from "@/components/ui/modal-dialog";

export const QUEUE_SHORTCUTS: { keys: string[]; action: string }[] = [
  { keys: ["j"], action: "Next exception" },
  { keys: ["k"], action: "Previous exception" },
  { keys: ["Enter"], action: "Open the exception" },
  { keys: ["x"], action: "Select or unselect for a bulk action" },
  { keys: ["a"], action: "Approve the top recommended action (selected rows, or the current one)" },
  { keys: ["s"], action: "Snooze…" },
  { keys: ["m"], action: "Assign to me" },
  { keys: ["Shift", "A"], action: "Assign to…" },
  { keys: ["/"], action: "Search" },
  { keys: ["Esc"], action: "Clear the selection" },
  { keys: ["?"], action: "Show this help" },
];

function Key({ children }: { children: string }) {
  return <kbd className="inline-flex min-w-6 justify-center rounded border border-slate-300 bg-slate-50 px-1.5 py-0.5 font-mono text-xs text-slate-800 shadow-[0_1px_0_var(--color-slate-300)]">{children}</kbd>;
}

export function KeyboardHelpDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  return (
    <ModalDialog open={open} title="Keyboard shortcuts" description="Work the queue without leaving the keyboard." onClose={onClose}>
      <table className="w-full text-sm">
        <caption className="sr-only">Queue keyboard shortcuts</caption>
        <tbody className="divide-y divide-slate-100">
          {QUEUE_SHORTCUTS.map((shortcut) => (
            <tr key={shortcut.action}>
              <td className="w-28 py-1.5 pr-3">
                <span className="flex gap-1">
                  {shortcut.keys.map((key) => (
                    <Key key={key}>{key}</Key>
                  ))}
                </span>
              </td>
              <td className="py-1.5 text-slate-700">{shortcut.action}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="mt-4 flex justify-end">
        <button type="button" className="btn-secondary" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </ModalDialog>
  );
}
