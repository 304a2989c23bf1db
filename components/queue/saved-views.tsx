"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { z } from "zod";
import { apiFetch, errorMessage } from "@/components/ui/api-client";
import { ZSavedView, type TSavedView } from "@/lib/contracts/saved-views";
import { FilterPopover } from "./filter-menu";

interface SavedView {
  name: string;
  /** The query string of the view, without "?". */
  search: string;
}

const BUILT_IN_VIEWS: SavedView[] = [
  { name: "All open, by score", search: "" },
  { name: "Supplier and PO work", search: "work=supplier" },
  { name: "Assigned to me", search: "assignee=me" },
  { name: "Unassigned", search: "assignee=none" },
  { name: "Stockouts, soonest first", search: "type=stockout&sort=daysToImpact&order=asc" },
  { name: "Snoozed", search: "status=snoozed" },
];

const ZSavedViewList = z.object({ items: z.array(ZSavedView) });
const SAVED_VIEWS_KEY = ["saved-views"] as const;

/** Named filter + sort combinations: built-in ones, and the person's own, kept on the server. */
export function SavedViews({ currentSearch, onApply }: { currentSearch: string; onApply: (search: string) => void }) {
  const client = useQueryClient();
  const [name, setName] = useState("");
  const views = useQuery({
    queryKey: SAVED_VIEWS_KEY,
    queryFn: async () => ZSavedViewList.parse(await apiFetch("/api/v1/saved-views")).items,
  });
  const save = useMutation({
    mutationFn: (view: SavedView) => apiFetch<TSavedView>("/api/v1/saved-views", { method: "PUT", body: JSON.stringify(view) }),
    onSuccess: () => {
      setName("");
      return client.invalidateQueries({ queryKey: SAVED_VIEWS_KEY });
    },
  });
  const remove = useMutation({
    mutationFn: (view: TSavedView) => apiFetch<void>(`/api/v1/saved-views/${encodeURIComponent(view.id)}`, { method: "DELETE" }),
    onSuccess: () => client.invalidateQueries({ queryKey: SAVED_VIEWS_KEY }),
  });
  const mine = views.data ?? [];
  const current = [...BUILT_IN_VIEWS, ...mine].find((view) => view.search === currentSearch);
  const failure = save.error ?? remove.error;

  return (
    <FilterPopover label="View" summary={current?.name ?? "Custom"} active={false} align="right" summaryWidth="max-w-60 max-md:max-w-36">
      {(close) => (
        <div className="w-72 max-w-[calc(100vw-2rem)] text-xs">
          <ViewList
            title="Built in"
            views={BUILT_IN_VIEWS}
            currentSearch={currentSearch}
            onPick={(view) => {
              onApply(view.search);
              close();
            }}
          />
          {views.isPending ? <p className="px-1.5 py-1 text-slate-600">Loading your views…</p> : null}
          {views.isError ? (
            <p role="alert" className="px-1.5 py-1 text-red-800">
              Your views could not be loaded: {errorMessage(views.error)}
            </p>
          ) : null}
          {mine.length > 0 ? (
            <ViewList
              title="Yours"
              views={mine}
              currentSearch={currentSearch}
              onPick={(view) => {
                onApply(view.search);
                close();
              }}
              onDelete={(view) => remove.mutate(view as TSavedView)}
            />
          ) : null}
          <form
            className="mt-2 flex gap-1 border-t border-slate-100 pt-2"
            onSubmit={(event) => {
              event.preventDefault();
              const trimmed = name.trim();
              if (trimmed) save.mutate({ name: trimmed, search: currentSearch });
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
            <button type="submit" className="rounded bg-brand-600 px-2 py-1 font-medium text-white hover:bg-brand-700 disabled:opacity-50" disabled={!name.trim() || save.isPending}>
              {save.isPending ? "Saving…" : "Save"}
            </button>
          </form>
          {failure ? (
            <p role="alert" className="mt-1 px-1.5 text-red-800">
              {errorMessage(failure)}
            </p>
          ) : null}
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
