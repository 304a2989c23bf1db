"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter } from "next/navigation";
import { useCallback, useEffect, useId, useRef, useState, type FormEvent, type KeyboardEvent as ReactKeyboardEvent } from "react";
import { apiFetch, errorMessage } from "@/components/ui/api-client";
import { useHydrated } from "@/components/ui/use-browser-storage";
import { STARTER_QUESTIONS, type TAskResponse } from "@/lib/copilot/copilot.types";

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** The exception whose page is open, so "why is this store short?" knows what "this" is. */
function exceptionIdOf(pathname: string | null): string | undefined {
  const match = /^\/exceptions\/([^/]+)$/.exec(pathname ?? "");
  return match?.[1] ? decodeURIComponent(match[1]) : undefined;
}

type Option = { kind: "link"; href: string } | { kind: "question"; text: string };

/**
 * "Ask Stockpilot": a command bar on every signed-in page, opened with `/` (where the page does not
 * use `/` itself, like the queue's search) or Ctrl-K / ⌘K. Answers are sentences whose figures link
 * to the page that shows them; ↑/↓ move through the answer's links and suggestions, Enter opens one.
 */
export function CommandBar() {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const optionRefs = useRef<(HTMLElement | null)[]>([]);
  const [open, setOpen] = useState(false);
  const [question, setQuestion] = useState("");
  const [active, setActive] = useState(-1);
  /** The shortcuts work once the page is interactive; only then are they advertised. */
  const shortcutsReady = useHydrated();
  const pathname = usePathname();
  const router = useRouter();
  const titleId = useId();
  const listId = useId();

  const ask = useMutation({
    mutationFn: (text: string) =>
      apiFetch<TAskResponse>("/api/v1/ask", { method: "POST", body: JSON.stringify({ question: text, exceptionId: exceptionIdOf(pathname) }) }),
    onSuccess: () => setActive(-1),
  });

  const show = useCallback(() => {
    setOpen(true);
    setActive(-1);
  }, []);
  const close = useCallback(() => setOpen(false), []);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      dialog.showModal();
      inputRef.current?.select();
    }
    if (!open && dialog.open) dialog.close();
  }, [open]);

  useEffect(() => {
    // On window, after the page's own document listeners: a page that used the key (the queue's "/") wins.
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const commandK = (event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "k";
      const slash = event.key === "/" && !event.ctrlKey && !event.metaKey && !event.altKey && !isTypingTarget(event.target) && !document.querySelector("dialog[open]");
      if (!commandK && !slash) return;
      event.preventDefault();
      show();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [show]);

  // Following a link in the answer navigates: the bar closes on the new page.
  const [openedOn, setOpenedOn] = useState(pathname);
  if (pathname !== openedOn) {
    setOpenedOn(pathname);
    setOpen(false);
  }

  const submit = (text: string) => {
    const trimmed = text.trim();
    if (!trimmed) return;
    setQuestion(trimmed);
    ask.mutate(trimmed);
  };

  const answer = ask.data;
  const options: Option[] = answer
    ? [
        ...answer.sentence.flatMap((s): Option[] => (s.href ? [{ kind: "link", href: s.href }] : [])),
        ...answer.items.map((i): Option => ({ kind: "link", href: i.href })),
        ...answer.suggestions.map((text): Option => ({ kind: "question", text })),
      ]
    : ask.isPending || ask.isError
      ? []
      : STARTER_QUESTIONS.map((text): Option => ({ kind: "question", text }));

  const move = (to: number) => {
    const next = options.length === 0 ? -1 : (to + options.length) % options.length;
    setActive(next);
    optionRefs.current[next]?.scrollIntoView({ block: "nearest" });
  };

  const onInputKey = (event: ReactKeyboardEvent<HTMLInputElement>) => {
    if (event.key === "ArrowDown") {
      event.preventDefault();
      move(active + 1);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      move(active - 1);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      const option = options[active]!;
      if (option.kind === "link") router.push(option.href);
      else submit(option.text);
    }
  };

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    submit(question);
  };

  let index = -1;
  const optionProps = () => {
    const i = ++index;
    return {
      id: `${listId}-${i}`,
      ref: (el: HTMLElement | null) => {
        optionRefs.current[i] = el;
      },
      "aria-selected": i === active,
      className: `rounded outline-none ${i === active ? "bg-sky-100 ring-2 ring-sky-500" : ""}`,
    };
  };

  return (
    <>
      <button
        type="button"
        onClick={show}
        className="hidden items-center gap-2 rounded-md border border-slate-300 bg-white px-2 py-1 text-sm text-slate-600 hover:bg-slate-50 sm:flex"
        aria-keyshortcuts={shortcutsReady ? "/ Control+K" : undefined}
      >
        <span>Ask Stockpilot…</span>
        <kbd className="rounded border border-slate-300 bg-slate-50 px-1 text-xs">/</kbd>
      </button>
      <dialog
        ref={dialogRef}
        aria-labelledby={titleId}
        onClose={close}
        onClick={(event) => {
          if (event.target === dialogRef.current) close();
        }}
        className="mx-auto mt-[10vh] w-[40rem] max-w-[calc(100vw-2rem)] rounded-lg border border-slate-200 bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/30"
      >
        {open ? (
          <div className="flex max-h-[70vh] flex-col">
            <form onSubmit={onSubmit} className="border-b border-slate-200 p-3">
              <label id={titleId} htmlFor={`${listId}-input`} className="sr-only">
                Ask Stockpilot
              </label>
              <input
                id={`${listId}-input`}
                ref={inputRef}
                value={question}
                onChange={(event) => setQuestion(event.target.value)}
                onKeyDown={onInputKey}
                placeholder="Ask Stockpilot — e.g. which suppliers are late this week?"
                autoComplete="off"
                role="combobox"
                aria-expanded={options.length > 0}
                aria-controls={listId}
                aria-activedescendant={active >= 0 ? `${listId}-${active}` : undefined}
                maxLength={300}
                className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm focus:border-sky-500 focus:outline-none focus:ring-2 focus:ring-sky-200"
              />
              <p className="mt-1 flex justify-between text-xs text-slate-500">
                <span>Enter to ask · ↑↓ to move through links and suggestions · Esc to close</span>
                <span className="flex gap-3">
                  <Link href="/briefing" onClick={close} className="underline">
                    Your briefing
                  </Link>
                  <Link href="/assistant" onClick={close} className="underline">
                    Connect an AI assistant
                  </Link>
                </span>
              </p>
            </form>
            <div id={listId} role="listbox" aria-label="Answer" aria-busy={ask.isPending} className="overflow-y-auto p-3 text-sm" aria-live="polite">
              {ask.isPending ? (
                <p className="text-slate-600" role="status">
                  Looking it up…
                </p>
              ) : ask.isError ? (
                <div role="alert" className="rounded-md border border-red-200 bg-red-50 p-3 text-red-800">
                  <p>{errorMessage(ask.error)}</p>
                  <button type="button" onClick={() => submit(question)} className="mt-2 rounded border border-red-300 bg-white px-2 py-1 text-xs">
                    Try again
                  </button>
                </div>
              ) : answer ? (
                <div className="space-y-3" data-testid="copilot-answer" data-status={answer.status}>
                  {answer.understood.length > 0 ? (
                    <p className="flex flex-wrap gap-1" aria-label="Understood as">
                      {answer.understood.map((u) => (
                        <span key={u} className="rounded bg-slate-100 px-1.5 py-0.5 text-xs text-slate-700">
                          {u}
                        </span>
                      ))}
                    </p>
                  ) : null}
                  <p className={answer.status === "out_of_scope" ? "text-amber-900" : "text-slate-900"}>
                    {answer.sentence.map((segment, i) =>
                      segment.href ? (
                        <Link key={i} href={segment.href} role="option" {...optionProps()} onClick={close}>
                          <span className="font-medium text-sky-800 underline">{segment.text}</span>
                        </Link>
                      ) : (
                        <span key={i}>{segment.text}</span>
                      ),
                    )}
                  </p>
                  {answer.items.length > 0 ? (
                    <ul className="divide-y divide-slate-100 rounded-md border border-slate-200">
                      {answer.items.map((item, i) => (
                        <li key={i}>
                          <Link href={item.href} role="option" {...optionProps()} onClick={close}>
                            <span className="block px-3 py-2 hover:bg-slate-50">
                              <span className="block font-medium text-slate-900">{item.label}</span>
                              <span className="block text-xs text-slate-600">{item.detail}</span>
                            </span>
                          </Link>
                        </li>
                      ))}
                    </ul>
                  ) : null}
                  {answer.suggestions.length > 0 ? <Suggestions title="You could ask" questions={answer.suggestions} ask={submit} optionProps={optionProps} /> : null}
                </div>
              ) : (
                <Suggestions title="Try asking" questions={STARTER_QUESTIONS} ask={submit} optionProps={optionProps} />
              )}
            </div>
          </div>
        ) : null}
      </dialog>
    </>
  );
}

function Suggestions({
  title,
  questions,
  ask,
  optionProps,
}: {
  title: string;
  questions: readonly string[];
  ask: (text: string) => void;
  optionProps: () => { id: string; ref: (el: HTMLElement | null) => void; "aria-selected": boolean; className: string };
}) {
  return (
    <div>
      <p className="mb-1 text-xs font-medium uppercase tracking-wide text-slate-500">{title}</p>
      <ul className="space-y-0.5">
        {questions.map((q) => {
          const option = optionProps();
          return (
            <li key={q}>
              <button type="button" role="option" {...option} aria-selected={option["aria-selected"]} onClick={() => ask(q)}>
                <span className="block px-2 py-1 text-left text-sky-800 hover:underline">{q}</span>
              </button>
            </li>
          );
        })}
      </ul>
    </div>
  );
}
