"use client";

import { useInfiniteQuery } from "@tanstack/react-query";
import { useRouter, useSearchParams } from "next/navigation";
import { useCallback, useEffect, useEffectEvent, useMemo, useRef, useState } from "react";
import { formatInt } from "@/lib/contracts/format";
import { EXCEPTION_STATUSES, EXCEPTION_TYPES, type TExceptionListItem } from "@/lib/contracts/exceptions";
import { TIER_LABEL } from "@/lib/contracts/governance";
import { AssignDialog } from "./assign-dialog";
import { DailyCapNotice } from "./daily-cap-notice";
import { EXCEPTION_STATUS_LABEL, EXCEPTION_TYPE_LABEL, exceptionPlaceName } from "@/lib/contracts/exceptions";
import { MultiSelectFilter, ValueRangeFilter } from "./filter-menu";
import { KeyboardHelpDialog } from "./keyboard-help-dialog";
import type { QueueOptions } from "@/lib/contracts/exceptions";
import type { WorkbenchViewer } from "@/components/queue/queue-options";
import { countActiveFilters, DEFAULT_QUEUE_SEARCH, LAST_QUEUE_SEARCH_KEY, parseQueueSearch, toSearchParams, type QueueSearch, type QueueSortKey } from "./queue-search";
import { QUEUE_COLUMN_COUNT, QueueTable } from "./queue-table";
import { SavedViews } from "./saved-views";
import { SnoozeDialog } from "./snooze-dialog";
import { SupplierScorecards } from "./supplier-scorecards";
import type { TSupplierScorecards } from "@/lib/contracts/suppliers";
import { useQueueActions } from "./use-queue-actions";
import { errorMessage } from "@/components/ui/api-client";
import { fetchExceptionPage } from "./workbench-api";

const PAGE_SIZE = 50;
const SEARCH_DEBOUNCE_MS = 250;

const TYPE_OPTIONS = EXCEPTION_TYPES.map((value) => ({ value, label: EXCEPTION_TYPE_LABEL[value] }));
const STATUS_OPTIONS = EXCEPTION_STATUSES.map((value) => ({ value, label: EXCEPTION_STATUS_LABEL[value] }));
const asOptions = (values: string[]) => values.map((value) => ({ value, label: value }));

function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** Filters, sort and paging live in the URL; replaceState avoids a server round trip per keystroke. */
function useQueueSearch(): [QueueSearch, (next: QueueSearch) => void, string] {
  const params = useSearchParams();
  const search = useMemo(() => parseQueueSearch(new URLSearchParams(params.toString())), [params]);
  const setSearch = useCallback((next: QueueSearch) => {
    const query = toSearchParams(next).toString();
    window.history.replaceState(null, "", query ? `?${query}` : window.location.pathname);
  }, []);
  const searchString = toSearchParams(search).toString();
  useEffect(() => window.sessionStorage.setItem(LAST_QUEUE_SEARCH_KEY, searchString), [searchString]);
  return [search, setSearch, searchString];
}

function SearchBox({ value, onChange, inputRef }: { value: string; onChange: (q: string) => void; inputRef: React.RefObject<HTMLInputElement | null> }) {
  const [text, setText] = useState(value);
  // The search changed from outside (back button, a saved view): show it, unless the box already says it.
  const [shownValue, setShownValue] = useState(value);
  if (value !== shownValue) {
    setShownValue(value);
    if (text.trim() !== value) setText(value);
  }
  useEffect(() => {
    if (text.trim() === value) return;
    const timer = window.setTimeout(() => onChange(text.trim()), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, value, onChange]);
  return (
    <div className="relative w-60 max-md:w-44">
      <svg aria-hidden="true" viewBox="0 0 16 16" className="pointer-events-none absolute left-2 top-1.5 h-4 w-4 text-slate-500">
        <circle cx="7" cy="7" r="4.5" fill="none" stroke="currentColor" strokeWidth="1.5" />
        <path d="m10.5 10.5 3 3" stroke="currentColor" strokeWidth="1.5" />
      </svg>
      <input
        ref={inputRef}
        type="search"
        aria-label="Search product, SKU, store or summary"
        placeholder="Search SKU, product, store…"
        className="h-7 w-full rounded-md border border-slate-300 bg-white pl-7 pr-7 text-xs placeholder:text-slate-500"
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={(e) => {
          if (e.key === "Escape") e.currentTarget.blur();
        }}
      />
      <kbd aria-hidden="true" className="absolute right-1.5 top-1.5 rounded border border-slate-200 px-1 font-mono text-[10px] text-slate-500">
        /
      </kbd>
    </div>
  );
}

type Dialog = { kind: "snooze" | "assign"; rows: TExceptionListItem[] } | { kind: "help" } | null;

/** The exception queue: filter bar, bulk bar, ranked table with keyboard triage, and paging. */
export function ExceptionQueue({ viewer, options, suppliers }: { viewer: WorkbenchViewer; options: QueueOptions; suppliers: TSupplierScorecards | null }) {
  const router = useRouter();
  const [search, setSearch, searchString] = useQueueSearch();
  const update = (patch: Partial<QueueSearch>) => setSearch({ ...search, ...patch });
  const apiParams = useMemo(() => {
    const params = new URLSearchParams(searchString);
    params.set("limit", String(PAGE_SIZE));
    return params;
  }, [searchString]);

  const queue = useInfiniteQuery({
    queryKey: ["exceptions", apiParams.toString()],
    queryFn: ({ pageParam }) => fetchExceptionPage(apiParams, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (page) => page.nextCursor,
  });
  const items = useMemo(() => queue.data?.pages.flatMap((page) => page.items) ?? [], [queue.data]);
  const total = queue.data?.pages[0]?.total ?? items.length;
  const dailyCap = queue.data?.pages[0]?.dailyCap ?? null;

  const [activeIndex, setActiveIndex] = useState(0);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [dialog, setDialog] = useState<Dialog>(null);
  const rowLinkRefs = useRef<(HTMLAnchorElement | null)[]>([]);
  /** Whether keyboard focus is on a row, so a row leaving the list hands focus to its successor. */
  const rowHadFocus = useRef(false);
  const searchRef = useRef<HTMLInputElement>(null);
  const actions = useQueueActions();

  // A new filter is a new list: start at its top with nothing selected.
  const [listedSearch, setListedSearch] = useState(searchString);
  if (listedSearch !== searchString) {
    setListedSearch(searchString);
    setActiveIndex(0);
    setSelected(new Set());
  }

  // Rows leave the list after approve or snooze: keep the cursor in range and, if the focused
  // row vanished, put focus on the row that took its place so j/k/a continue uninterrupted.
  if (items.length > 0 && activeIndex > items.length - 1) setActiveIndex(items.length - 1);
  useEffect(() => {
    if (rowHadFocus.current && document.activeElement === document.body) rowLinkRefs.current[activeIndex]?.focus();
  }, [items, activeIndex]);

  useEffect(() => {
    const onFocusIn = (event: FocusEvent) => {
      rowHadFocus.current = event.target instanceof HTMLAnchorElement && rowLinkRefs.current.includes(event.target);
    };
    document.addEventListener("focusin", onFocusIn);
    return () => document.removeEventListener("focusin", onFocusIn);
  }, []);

  const selectedRows = items.filter((item) => selected.has(item.id));
  const targetRows = (): TExceptionListItem[] => {
    if (selectedRows.length > 0) return selectedRows;
    const active = items[activeIndex];
    return active ? [active] : [];
  };
  const clearSelection = () => setSelected(new Set());

  const approve = (rows: TExceptionListItem[]) => {
    if (!viewer.canApprove || rows.length === 0) return;
    clearSelection();
    void actions.approve(rows);
  };
  const assignToMe = (rows: TExceptionListItem[]) => {
    if (!viewer.canTriage || rows.length === 0) return;
    clearSelection();
    void actions.assign(rows, { id: viewer.id, name: viewer.name });
  };
  const openDialog = (kind: "snooze" | "assign", rows: TExceptionListItem[]) => {
    if (!viewer.canTriage || rows.length === 0) return;
    setDialog({ kind, rows });
  };

  const moveTo = (index: number) => {
    const clamped = Math.max(0, Math.min(items.length - 1, index));
    setActiveIndex(clamped);
    const link = rowLinkRefs.current[clamped];
    link?.focus();
    link?.closest("tr")?.scrollIntoView({ block: "nearest" });
    if (clamped >= items.length - 3 && queue.hasNextPage && !queue.isFetchingNextPage) void queue.fetchNextPage();
  };

  const onKey = useEffectEvent((event: KeyboardEvent) => {
    if (event.defaultPrevented || event.ctrlKey || event.metaKey || event.altKey) return;
    if (isTypingTarget(event.target) || document.querySelector("dialog[open]")) return;
    const focusedLink = document.activeElement instanceof HTMLAnchorElement && rowLinkRefs.current.includes(document.activeElement);
    const handled = (() => {
      switch (event.key) {
        case "j":
          moveTo(focusedLink ? activeIndex + 1 : activeIndex);
          return true;
        case "k":
          moveTo(focusedLink ? activeIndex - 1 : activeIndex);
          return true;
        case "Enter": {
          // A focused row link opens itself; this covers Enter before any row has focus.
          if (focusedLink || (document.activeElement && document.activeElement !== document.body)) return false;
          const item = items[activeIndex];
          if (item) router.push(`/exceptions/${item.id}`);
          return Boolean(item);
        }
        case "x": {
          const item = items[activeIndex];
          if (!item) return false;
          setSelected((current) => {
            const next = new Set(current);
            if (!next.delete(item.id)) next.add(item.id);
            return next;
          });
          return true;
        }
        case "a":
          approve(targetRows());
          return true;
        case "A":
          openDialog("assign", targetRows());
          return true;
        case "m":
          assignToMe(targetRows());
          return true;
        case "s":
          openDialog("snooze", targetRows());
          return true;
        case "?":
          setDialog({ kind: "help" });
          return true;
        case "/":
          searchRef.current?.focus();
          return true;
        case "Escape":
          if (selected.size === 0) return false;
          clearSelection();
          return true;
        default:
          return false;
      }
    })();
    if (handled) event.preventDefault();
  });
  useEffect(() => {
    const listener = (event: KeyboardEvent) => onKey(event);
    document.addEventListener("keydown", listener);
    return () => document.removeEventListener("keydown", listener);
  }, []);

  const onSort = (key: QueueSortKey) => {
    const order = search.sort === key ? (search.order === "desc" ? "asc" : "desc") : key === "daysToImpact" ? "asc" : "desc";
    update({ sort: key, order });
  };

  const filtersActive = countActiveFilters(search);
  const dialogSubject = (rows: TExceptionListItem[]) =>
    rows.length === 1 ? `${rows[0]!.product.name} at ${exceptionPlaceName(rows[0]!)}` : `${rows.length} selected exceptions`;

  const emptyOrError = queue.isError ? (
    <tr>
      <td colSpan={QUEUE_COLUMN_COUNT} className="px-4 py-10 text-center">
        <p role="alert" className="font-medium text-red-800">
          The queue could not be loaded: {errorMessage(queue.error)}
        </p>
        <button type="button" className="btn-secondary mt-3" onClick={() => void queue.refetch()}>
          Try again
        </button>
      </td>
    </tr>
  ) : queue.isSuccess && items.length === 0 ? (
    <tr>
      <td colSpan={QUEUE_COLUMN_COUNT} className="px-4 py-12 text-center">
        {filtersActive > 0 ? (
          <>
            <p className="font-medium text-slate-900">No exceptions match these filters.</p>
            <p className="mt-1 text-slate-600">Widen the filters, or clear them to see the whole queue in your scope.</p>
            <button type="button" className="btn-secondary mt-3" onClick={() => setSearch(DEFAULT_QUEUE_SEARCH)}>
              Clear filters
            </button>
          </>
        ) : (
          <>
            <p className="font-medium text-slate-900">Nothing needs your attention.</p>
            <p className="mt-1 text-slate-600">No open exceptions in your scope. New ones appear after the next plan run.</p>
          </>
        )}
      </td>
    </tr>
  ) : undefined;

  return (
    <div>
      {suppliers ? (
        <SupplierScorecards
          data={suppliers}
          activeSupplier={search.supplier.length === 1 ? search.supplier[0]! : null}
          onPick={(code) => update({ supplier: code ? [code] : [] })}
        />
      ) : null}
      <div role="toolbar" aria-label="Queue filters" className="mb-2 flex flex-wrap items-center gap-1.5">
        <SearchBox value={search.q} onChange={(q) => update({ q })} inputRef={searchRef} />
        {suppliers || search.work ? (
          <button
            type="button"
            aria-pressed={search.work === "supplier"}
            className={`h-7 rounded-md border px-2 text-xs font-medium ${search.work ? "border-brand-600/40 bg-brand-50 text-brand-800" : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"}`}
            onClick={() => update({ work: search.work ? "" : "supplier" })}
            title="Only exceptions with an order, expedite, cut or confirm action waiting"
          >
            Supplier &amp; PO work
          </button>
        ) : null}
        <MultiSelectFilter label="Type" options={TYPE_OPTIONS} selected={search.type} onChange={(type) => update({ type: type as QueueSearch["type"] })} />
        <MultiSelectFilter
          label="Status"
          options={STATUS_OPTIONS}
          selected={search.status}
          emptySummary="Open"
          onChange={(status) => update({ status: status as QueueSearch["status"] })}
        />
        {options.regions.length > 1 ? <MultiSelectFilter label="Region" options={asOptions(options.regions)} selected={search.region} onChange={(region) => update({ region })} /> : null}
        {options.locations.length > 1 ? <MultiSelectFilter label="Store" options={options.locations} selected={search.location} onChange={(location) => update({ location })} /> : null}
        <MultiSelectFilter label="Category" options={asOptions(options.categories)} selected={search.category} onChange={(category) => update({ category })} />
        {/* Offered only as a link set it (the dashboard's drift groups): there are too many SKUs for a menu. */}
        {search.sku.length > 0 ? <MultiSelectFilter label="SKU" options={options.skus} selected={search.sku} onChange={(sku) => update({ sku })} /> : null}
        {search.model.length > 0 || (search.type.includes("forecast_drift") && options.models.length > 0) ? (
          <MultiSelectFilter label="Drift model" options={options.models} selected={search.model} onChange={(model) => update({ model })} summaryWidth="max-w-64 max-sm:max-w-40" />
        ) : null}
        <MultiSelectFilter label="Supplier" options={options.suppliers} selected={search.supplier} onChange={(supplier) => update({ supplier })} />
        {viewer.approvableTiers.length > 0 ? (
          <MultiSelectFilter
            label="Tier"
            options={viewer.approvableTiers.map((value) => ({ value, label: TIER_LABEL[value] }))}
            selected={search.tier}
            onChange={(tier) => update({ tier: tier as QueueSearch["tier"] })}
          />
        ) : null}
        <select
          aria-label="Assignee filter"
          className={`h-7 rounded-md border px-1.5 text-xs font-medium ${search.assignee ? "border-brand-600/40 bg-brand-50 text-brand-800" : "border-slate-300 bg-white text-slate-700"}`}
          value={search.assignee}
          onChange={(e) => update({ assignee: e.target.value })}
        >
          <option value="">Anyone</option>
          <option value="me">Assigned to me</option>
          <option value="none">Unassigned</option>
          {options.people.map((person) => (
            <option key={person.id} value={person.id}>
              {person.name}
            </option>
          ))}
        </select>
        <ValueRangeFilter min={search.minValue} max={search.maxValue} onChange={(range) => update(range)} />
        {filtersActive > 0 ? (
          <button type="button" className="h-7 rounded-md px-2 text-xs font-medium text-slate-700 hover:bg-slate-100" onClick={() => setSearch({ ...DEFAULT_QUEUE_SEARCH, sort: search.sort, order: search.order })}>
            Clear filters
          </button>
        ) : null}
      </div>

      <div className="mb-2 flex h-8 items-center gap-2 text-xs text-slate-600">
        {selectedRows.length > 0 ? (
          <div role="toolbar" aria-label="Bulk actions" className="flex items-center gap-1.5 rounded-md bg-slate-900 py-1 pl-3 pr-1 text-white">
            <span className="mr-1 font-medium tabular-nums">{selectedRows.length} selected</span>
            {viewer.canApprove ? (
              <button type="button" className="rounded px-2 py-0.5 font-medium hover:bg-white/15" onClick={() => approve(selectedRows)}>
                Approve <kbd className="ml-1 font-mono text-slate-300">a</kbd>
              </button>
            ) : null}
            {viewer.canTriage ? (
              <>
                <button type="button" className="rounded px-2 py-0.5 font-medium hover:bg-white/15" onClick={() => assignToMe(selectedRows)}>
                  Assign to me <kbd className="ml-1 font-mono text-slate-300">m</kbd>
                </button>
                <button type="button" className="rounded px-2 py-0.5 font-medium hover:bg-white/15" onClick={() => openDialog("assign", selectedRows)}>
                  Assign…
                </button>
                <button type="button" className="rounded px-2 py-0.5 font-medium hover:bg-white/15" onClick={() => openDialog("snooze", selectedRows)}>
                  Snooze… <kbd className="ml-1 font-mono text-slate-300">s</kbd>
                </button>
              </>
            ) : null}
            <button type="button" className="rounded px-2 py-0.5 text-slate-300 hover:bg-white/15" onClick={clearSelection} aria-label="Clear selection">
              ✕
            </button>
          </div>
        ) : (
          <p className="tabular-nums" aria-live="polite">
            {queue.isSuccess ? `${formatInt(total)} exception${total === 1 ? "" : "s"}${filtersActive > 0 ? " match" : " in your scope"}` : "Loading…"}
            <span className="ml-3 text-slate-500 max-lg:hidden">
              <kbd className="font-mono">j</kbd>/<kbd className="font-mono">k</kbd> move · <kbd className="font-mono">Enter</kbd> open · <kbd className="font-mono">x</kbd> select ·{" "}
              <kbd className="font-mono">?</kbd> all shortcuts
            </span>
          </p>
        )}
        <span className="flex-1" />
        <SavedViews currentSearch={searchString} onApply={(next) => setSearch(parseQueueSearch(new URLSearchParams(next)))} />
        <button type="button" className="h-7 rounded-md border border-slate-300 bg-white px-2 text-xs font-medium text-slate-700 hover:bg-slate-50" onClick={() => setDialog({ kind: "help" })} aria-label="Keyboard shortcuts">
          <kbd className="font-mono">?</kbd>
        </button>
      </div>

      {dailyCap ? <DailyCapNotice cap={dailyCap} onShow={(offer) => update({ offer })} /> : null}
      <div className="card overflow-x-auto lg:overflow-visible">
        <QueueTable
          items={items}
          search={search}
          onSort={onSort}
          activeIndex={activeIndex}
          onActivate={setActiveIndex}
          selected={selected}
          onToggle={(id) =>
            setSelected((current) => {
              const next = new Set(current);
              if (!next.delete(id)) next.add(id);
              return next;
            })
          }
          onToggleAll={() => setSelected(items.every((item) => selected.has(item.id)) ? new Set() : new Set(items.map((item) => item.id)))}
          rowLinkRefs={rowLinkRefs}
          loadingRows={queue.isPending ? 10 : queue.isFetchingNextPage ? 3 : 0}
          body={emptyOrError}
        />
      </div>
      {queue.hasNextPage ? (
        <div className="mt-3 flex justify-center">
          <button type="button" className="btn-secondary" onClick={() => void queue.fetchNextPage()} disabled={queue.isFetchingNextPage}>
            {queue.isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        </div>
      ) : null}

      <KeyboardHelpDialog open={dialog?.kind === "help"} onClose={() => setDialog(null)} />
      <SnoozeDialog
        open={dialog?.kind === "snooze"}
        subject={dialog?.kind === "snooze" ? dialogSubject(dialog.rows) : ""}
        onClose={() => setDialog(null)}
        onConfirm={({ until, comment }) => {
          if (dialog?.kind !== "snooze") return;
          const rows = dialog.rows;
          setDialog(null);
          clearSelection();
          void actions.snooze(rows, until, comment);
        }}
      />
      <AssignDialog
        open={dialog?.kind === "assign"}
        subject={dialog?.kind === "assign" ? dialogSubject(dialog.rows) : ""}
        viewer={viewer}
        people={options.people}
        onClose={() => setDialog(null)}
        onConfirm={(assigneeId) => {
          if (dialog?.kind !== "assign") return;
          const rows = dialog.rows;
          setDialog(null);
          clearSelection();
          const person = assigneeId === viewer.id ? viewer : options.people.find((p) => p.id === assigneeId);
          void actions.assign(rows, person ? { id: person.id, name: person.name } : null);
        }}
      />
    </div>
  );
}
