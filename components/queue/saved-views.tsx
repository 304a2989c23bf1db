"use client";

import { useEffect, useState } from "react";
import { z } from "zod";
import { FilterPopover } from "./filter-menu";

interface SavedView {
  name: string;
  /** The query string of the view, without "?". */
  search: string;
}

const ZSavedViews = z.array(z.object({ name: z.string().min(1).max(60), search: z.string().max(2_000) })).max(50);

const BUILT_IN_VIEWS: SavedView[] = [
  { name: "All open, by score", search: "" },
  { name: "Assigned to me", search: "assignee=me" },
  { name: "Unassigned", search: "assignee=none" },
  { name: "Stockouts, soonest first", search: "type=stockout&sort=daysToImpact&order=asc" },
  { name: "Snoozed", search: "status=snoozed" },
];

const storageKey = (userId: string) => `stockpilot:queue-views:${userId}`;

function readViews(userId: string): SavedView[] {
  try {
    const parsed = ZSavedViews.safeParse(JSON.parse(window.localStorage.getItem(storageKey(userId)) ?? "[]"));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

/** Named filter + sort combinations, kept in this browser per user (localStorage). */
export function SavedViews({ userId, currentSearch, onApply }: { userId: string; currentSearch: string; onApply: (search: string) => void }) {
  const [views, setViews] = useState<SavedView[]>([]);
  const [name, setName] = useState("");
  // localStorage exists only in the browser: read after mount so server and client render alike.
  useEffect(() => setViews(readViews(userId)), [userId]);

  const persist = (next: SavedView[]) => {
    setViews(next);
    window.localStorage.setItem(storageKey(userId), JSON.stringify(next));
  };
  const current = [...BUILT_IN_VIEWS, ...views].find((view) => view.search === currentSearch);

  return (
    <FilterPopover label="View" summary={current?.name ?? "Custom"} active={false} align="right" summaryWidth="max-w-60 max-md:max-w-36">
      {(close) => (
        <div className="w-72 text-xs">
          <ViewList
            title="Built in"
            views={BUILT_IN_VIEWS}
            currentSearch={currentSearch}
            onPick={(view) => {
              onApply(view.search);
              close();
            }}
          />
          {views.length > 0 ? (
            <ViewList
              title="Saved in this browser"
              views={views}
              currentSearch={currentSearch}
              onPick={(view) => {
                onApply(view.search);
                close();
              }}
              onDelete={(view) => persist(views.filter((v) => v !== view))}
            />
          ) : null}
          <form
            className="mt-2 flex gap-1 border-t border-slate-100 pt-2"
            onSubmit={(event) => {
              event.preventDefault();
              const trimmed = name.trim();
              if (!trimmed) return;
              persist([...views.filter((v) => v.name !== trimmed), { name: trimmed, search: currentSearch }]);
              setName("");
            }}
          >
            <input
              aria-label="Name for the current view"
              placeholder="Save current filters as…"
              maxLength={60}
              className="min-w-0 flex-1 rounded border border-slate-300 px-2 py-1"
              value={name}
              onChange={(e) => setName(e.target.value)}
            />
            <button type="submit" className="rounded bg-brand-600 px-2 py-1 font-medium text-white hover:bg-brand-700 disabled:opacity-50" disabled={!name.trim()}>
              Save
            </button>
          </form>
        </div>
      )}
    </FilterPopover>
  );
}

function ViewList({
  title,
  views,
  currentSearch,
  onPick,
  onDelete,
}: {
  title: string;
  views: SavedView[];
  currentSearch: string;
  onPick: (view: SavedView) => void;
  onDelete?: (view: SavedView) => void;
}) {
  return (
    <div className="mb-1">
      <p className="px-1.5 pb-0.5 pt-1 text-[11px] font-semibold uppercase tracking-wide text-slate-500">{title}</p>
      <ul>
        {views.map((view) => (
          <li key={view.name} className="group flex items-center">
            <button
              type="button"
              aria-current={view.search === currentSearch ? "true" : undefined}
              className="flex-1 truncate rounded px-1.5 py-1 text-left text-slate-800 hover:bg-slate-50 aria-[current]:font-semibold aria-[current]:text-brand-800"
              onClick={() => onPick(view)}
            >
              {view.name}
            </button>
            {onDelete ? (
              <button type="button" aria-label={`Delete view ${view.name}`} className="rounded px-1.5 py-1 text-slate-500 hover:bg-red-50 hover:text-red-800" onClick={() => onDelete(view)}>
                ×
              </button>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
