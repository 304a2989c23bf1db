"use client";

import Link from "next/link";
import type { ReactNode, RefObject } from "react";
import { formatAge, formatDaysToImpact, formatMoney, formatPercent } from "@/lib/contracts/format";
import type { TExceptionListItem } from "@/lib/contracts/exceptions";
import { EXCEPTION_TYPE_BADGE } from "@/components/ui/labels";
import { EXCEPTION_STATUS_LABEL, EXCEPTION_TYPE_LABEL, exceptionPlaceName, exceptionSubjectName } from "@/lib/contracts/exceptions";
import { TIER_LABEL } from "@/lib/contracts/governance";
import type { QueueSearch, QueueSortKey } from "./queue-search";

/** Below which breakpoint each column is hidden (phones keep score, product, impact). */
const COLUMN_VISIBILITY = ["", "", "max-lg:hidden", "", "max-md:hidden", "max-sm:hidden", "", "max-lg:hidden", "max-xl:hidden", "max-lg:hidden", "max-xl:hidden", "max-lg:hidden"];
export const QUEUE_COLUMN_COUNT = COLUMN_VISIBILITY.length;

export function ExceptionTypeBadge({ type }: { type: TExceptionListItem["type"] }) {
  return <span className={`badge whitespace-nowrap ring-1 ring-inset ${EXCEPTION_TYPE_BADGE[type]}`}>{EXCEPTION_TYPE_LABEL[type]}</span>;
}

function SortHeader({
  label,
  sortKey,
  search,
  onSort,
  className = "",
  title,
}: {
  label: string;
  sortKey: QueueSortKey;
  search: QueueSearch;
  onSort: (key: QueueSortKey) => void;
  className?: string;
  title?: string;
}) {
  const active = search.sort === sortKey;
  // For age, "ascending" on the timestamp means newest first: show the arrow the user expects.
  const ariaSort = active ? (search.order === "asc" ? "ascending" : "descending") : "none";
  return (
    <th scope="col" aria-sort={ariaSort} className={`${className} text-right`}>
      <button type="button" title={title} onClick={() => onSort(sortKey)} className={`inline-flex items-center gap-0.5 rounded hover:text-slate-900 ${active ? "text-slate-900" : ""}`}>
        {label}
        <span aria-hidden="true" className={`w-2.5 text-[10px] ${active ? "" : "invisible"}`}>
          {search.order === "asc" ? "▲" : "▼"}
        </span>
      </button>
    </th>
  );
}

function ScoreCell({ item }: { item: TExceptionListItem }) {
  return (
    <span
      className="font-semibold text-slate-900"
      title={`Score ${formatMoney(item.score)} = ${formatMoney(item.moneyAtRisk)} at risk × urgency ${item.urgency.toFixed(2)} × confidence ${formatPercent(item.confidence)}`}
    >
      {formatMoney(item.score)}
    </span>
  );
}

function ImpactCell({ days }: { days: number | null }) {
  const urgent = days !== null && days <= 2;
  return <span className={`whitespace-nowrap ${urgent ? "font-medium text-red-800" : "text-slate-800"}`}>{formatDaysToImpact(days)}</span>;
}

function ConfidenceCell({ confidence }: { confidence: number }) {
  return <span className={confidence < 0.5 ? "text-amber-800" : "text-slate-800"}>{formatPercent(confidence)}</span>;
}

export function QueueSkeletonRows({ rows = 8 }: { rows?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, i) => (
        <tr key={i} aria-hidden="true" className="h-11 border-b border-slate-100">
          {Array.from({ length: QUEUE_COLUMN_COUNT }, (_, c) => (
            <td key={c} className={`px-2 ${COLUMN_VISIBILITY[c]}`}>
              <span className="block h-3 animate-pulse rounded bg-slate-100" style={{ width: c === 3 ? "80%" : c === 0 ? "14px" : "60%" }} />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}

export function QueueTable({
  items,
  search,
  onSort,
  activeIndex,
  onActivate,
  selected,
  onToggle,
  onToggleAll,
  rowLinkRefs,
  loadingRows,
  body,
}: {
  items: TExceptionListItem[];
  search: QueueSearch;
  onSort: (key: QueueSortKey) => void;
  activeIndex: number;
  onActivate: (index: number) => void;
  selected: ReadonlySet<string>;
  onToggle: (id: string) => void;
  onToggleAll: () => void;
  rowLinkRefs: RefObject<(HTMLAnchorElement | null)[]>;
  /** Skeleton rows shown below the loaded ones while a page loads. */
  loadingRows: number;
  /** Replaces the rows: empty and error states. */
  body?: ReactNode;
}) {
  const allSelected = items.length > 0 && items.every((item) => selected.has(item.id));
  const th = "sticky top-0 z-10 h-8 border-b border-slate-200 bg-slate-50 px-2 text-xs font-medium text-slate-600";
  return (
    <table className="w-full table-fixed border-separate border-spacing-0 text-sm tabular-nums">
      <caption className="sr-only">Exceptions, ranked by {search.sort === "score" ? "score" : search.sort}. Use j and k to move, Enter to open, ? for shortcuts.</caption>
      <colgroup>
        <col className="w-8" />
        <col className="w-[4.5rem]" />
        <col className="w-[8.5rem] max-lg:hidden" />
        <col />
        <col className="w-36 max-lg:w-28 max-md:hidden" />
        <col className="w-[5.5rem] max-sm:hidden" />
        <col className="w-16" />
        <col className="w-14 max-lg:hidden" />
        <col className="w-[4.5rem] max-xl:hidden" />
        <col className="w-[4.5rem] max-lg:hidden" />
        <col className="w-28 max-xl:hidden" />
        <col className="w-[4.5rem] max-lg:hidden" />
      </colgroup>
      <thead>
        <tr>
          <th scope="col" className={`${th} rounded-tl-lg`}>
            <input
              type="checkbox"
              aria-label={allSelected ? "Unselect all loaded exceptions" : "Select all loaded exceptions"}
              className="h-3.5 w-3.5 accent-brand-600"
              checked={allSelected}
              onChange={onToggleAll}
              disabled={items.length === 0}
            />
          </th>
          <SortHeader label="Score" sortKey="score" search={search} onSort={onSort} className={th} title="Money at risk × urgency × confidence" />
          <th scope="col" className={`${th} text-left max-lg:hidden`}>
            Type
          </th>
          <th scope="col" className={`${th} text-left`}>
            Product
          </th>
          <th scope="col" className={`${th} text-left max-md:hidden`}>
            Location
          </th>
          <SortHeader label="At risk" sortKey="moneyAtRisk" search={search} onSort={onSort} className={`${th} max-sm:hidden`} />
          <SortHeader label="Impact" sortKey="daysToImpact" search={search} onSort={onSort} className={th} title="Days until the impact lands" />
          <SortHeader label="Conf." sortKey="confidence" search={search} onSort={onSort} className={`${th} max-lg:hidden`} title="Confidence" />
          <th scope="col" className={`${th} text-left max-xl:hidden`} title="Approval tier the top action needs">
            Tier
          </th>
          <th scope="col" className={`${th} text-left max-lg:hidden`}>
            Status
          </th>
          <th scope="col" className={`${th} text-left max-xl:hidden`}>
            Assignee
          </th>
          <SortHeader label="Age" sortKey="raisedAt" search={search} onSort={onSort} className={`${th} rounded-tr-lg max-lg:hidden`} title="Time since raised" />
        </tr>
      </thead>
      <tbody>
        {body ??
          items.map((item, index) => {
            const active = index === activeIndex;
            const isSelected = selected.has(item.id);
            const td = "border-b border-slate-100 px-2 py-1.5 align-middle";
            return (
              <tr
                key={item.id}
                data-exception-id={item.id}
                data-active={active || undefined}
                onClick={(event) => {
                  if ((event.target as HTMLElement).closest("a, button, input, label")) return;
                  onActivate(index);
                  rowLinkRefs.current[index]?.click();
                }}
                className={`group cursor-pointer ${isSelected ? "bg-brand-50/70" : active ? "bg-slate-100/80" : "hover:bg-slate-50"}`}
              >
                <td className={`${td} relative`}>
                  {active ? <span aria-hidden="true" className="absolute inset-y-0 left-0 w-0.5 bg-brand-600" /> : null}
                  <input
                    type="checkbox"
                    aria-label={`Select ${exceptionSubjectName(item)} at ${item.location.code}`}
                    className="h-3.5 w-3.5 accent-brand-600"
                    checked={isSelected}
                    onChange={() => onToggle(item.id)}
                  />
                </td>
                <td className={`${td} text-right`}>
                  <ScoreCell item={item} />
                </td>
                <td className={`${td} max-lg:hidden`}>
                  <ExceptionTypeBadge type={item.type} />
                </td>
                {/* Names wrap to a second line rather than cut: at 1280 px "Classic wint…" hid which boots. */}
                <td className={`${td} min-w-0`}>
                  <Link
                    ref={(el) => {
                      rowLinkRefs.current[index] = el;
                    }}
                    href={`/exceptions/${item.id}`}
                    onFocus={() => onActivate(index)}
                    className="line-clamp-2 font-medium break-words text-slate-900 hover:text-brand-700 hover:underline"
                    title={item.summary}
                  >
                    {exceptionSubjectName(item)}
                  </Link>
                  <span className="block truncate text-xs text-slate-600">
                    {/* Narrow screens drop the type column; the type moves here. */}
                    <span className="font-medium text-slate-800 lg:hidden">{EXCEPTION_TYPE_LABEL[item.type]} · </span>
                    {/* Phones drop the location column too; its name moves here. */}
                    <span className="md:hidden">{exceptionPlaceName(item)} · </span>
                    {item.supplierOrderGroup ? `${item.supplierOrderGroup.lines} lines · largest ${item.product.sku}` : item.product.sku} · {item.product.category}
                  </span>
                </td>
                <td className={`${td} min-w-0 max-md:hidden`}>
                  <span className="line-clamp-2 break-words text-slate-900" title={exceptionPlaceName(item)}>{exceptionPlaceName(item)}</span>
                  <span className="block truncate text-xs text-slate-600">
                    {/* A cluster's item is filed under the DC that supplies its stores. */}
                    {item.storeGroup ? `via ${item.location.name}` : `${item.location.code} · ${item.location.region}`}
                  </span>
                </td>
                <td className={`${td} text-right text-slate-900 max-sm:hidden`}>{formatMoney(item.moneyAtRisk)}</td>
                <td className={`${td} text-right`}>
                  <ImpactCell days={item.daysToImpact} />
                </td>
                <td className={`${td} text-right max-lg:hidden`}>
                  <ConfidenceCell confidence={item.confidence} />
                </td>
                <td className={`${td} text-slate-700 max-xl:hidden`}>{item.tierRequired ? TIER_LABEL[item.tierRequired] : "—"}</td>
                <td className={`${td} text-slate-700 max-lg:hidden`}>
                  {EXCEPTION_STATUS_LABEL[item.status]}
                  {item.belowValueBar ? <span className="block text-xs text-slate-500">below the value bar</span> : null}
                </td>
                <td className={`${td} truncate text-slate-700 max-xl:hidden`}>{item.assignee?.name ?? <span className="text-slate-500">—</span>}</td>
                <td className={`${td} whitespace-nowrap text-right text-slate-600 max-lg:hidden`} title={item.raisedAt}>
                  {formatAge(item.raisedAt)}
                </td>
              </tr>
            );
          })}
        {loadingRows > 0 ? <QueueSkeletonRows rows={loadingRows} /> : null}
      </tbody>
    </table>
  );
}
