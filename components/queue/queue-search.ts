import { APPROVAL_TIERS, type TApprovalTier } from "@/lib/contracts/governance";
import { DAILY_CAP_PARTS, EXCEPTION_SORT_KEYS, EXCEPTION_STATUSES, EXCEPTION_TYPES, type TDailyCap, type TExceptionStatus, type TExceptionType } from "@/lib/contracts/exceptions";

export type QueueSortKey = (typeof EXCEPTION_SORT_KEYS)[number];
export type SortOrder = "asc" | "desc";

/** The queue's filters and sort, as held in the page URL (so a view can be shared and bookmarked). */
export interface QueueSearch {
  type: TExceptionType[];
  status: TExceptionStatus[];
  region: string[];
  location: string[];
  category: string[];
  /** SKU codes, matched exactly. */
  sku: string[];
  /** Forecasting models of drifting series (canonical method names). */
  model: string[];
  supplier: string[];
  /** Approval tier the top action needs. */
  tier: TApprovalTier[];
  /** "supplier" = only exceptions with a supplier or PO action waiting; "" = all work. */
  work: "" | "supplier";
  /** "" = anyone, "me", "none", or a user id. */
  assignee: string;
  minValue: string;
  maxValue: string;
  q: string;
  sort: QueueSortKey;
  order: SortOrder;
  /** A capped planner's part of the open items: today's offer, the ones waiting, or those below the value bar (see TDailyCap). */
  offer: TDailyCap["showing"];
}

export const LIST_KEYS = ["type", "status", "region", "location", "category", "sku", "model", "supplier", "tier"] as const;
export type QueueListKey = (typeof LIST_KEYS)[number];

export const DEFAULT_QUEUE_SEARCH: QueueSearch = {
  type: [],
  status: [],
  region: [],
  location: [],
  category: [],
  sku: [],
  model: [],
  supplier: [],
  tier: [],
  work: "",
  assignee: "",
  minValue: "",
  maxValue: "",
  q: "",
  sort: "score",
  order: "desc",
  offer: "today",
};

const isOneOf = <T extends string>(values: readonly T[], value: string): value is T => (values as readonly string[]).includes(value);

function listOf(params: URLSearchParams, key: string): string[] {
  return (params.get(key) ?? "").split(",").filter(Boolean);
}

function nonNegativeNumberText(value: string | null): string {
  return value && /^\d+(\.\d+)?$/.test(value) ? value : "";
}

/** Reads the URL leniently: unknown values are dropped rather than failing the page. */
export function parseQueueSearch(params: URLSearchParams): QueueSearch {
  const sort = params.get("sort") ?? "";
  const order = params.get("order") ?? "";
  return {
    type: listOf(params, "type").filter((v) => isOneOf(EXCEPTION_TYPES, v)),
    status: listOf(params, "status").filter((v) => isOneOf(EXCEPTION_STATUSES, v)),
    region: listOf(params, "region"),
    location: listOf(params, "location"),
    category: listOf(params, "category"),
    sku: listOf(params, "sku"),
    model: listOf(params, "model"),
    supplier: listOf(params, "supplier"),
    tier: listOf(params, "tier").filter((v) => isOneOf(APPROVAL_TIERS, v)),
    work: params.get("work") === "supplier" ? "supplier" : "",
    assignee: params.get("assignee") ?? "",
    minValue: nonNegativeNumberText(params.get("minValue")),
    maxValue: nonNegativeNumberText(params.get("maxValue")),
    q: params.get("q") ?? "",
    sort: isOneOf(EXCEPTION_SORT_KEYS, sort) ? sort : DEFAULT_QUEUE_SEARCH.sort,
    order: order === "asc" || order === "desc" ? order : DEFAULT_QUEUE_SEARCH.order,
    offer: isOneOf(DAILY_CAP_PARTS, params.get("offer") ?? "") ? (params.get("offer") as TDailyCap["showing"]) : DEFAULT_QUEUE_SEARCH.offer,
  };
}

/** Only what differs from the defaults, so the default view has a clean URL. */
export function toSearchParams(search: QueueSearch): URLSearchParams {
  const params = new URLSearchParams();
  for (const key of LIST_KEYS) if (search[key].length > 0) params.set(key, search[key].join(","));
  if (search.work) params.set("work", search.work);
  if (search.assignee) params.set("assignee", search.assignee);
  if (search.minValue) params.set("minValue", search.minValue);
  if (search.maxValue) params.set("maxValue", search.maxValue);
  if (search.q.trim()) params.set("q", search.q.trim());
  if (search.sort !== DEFAULT_QUEUE_SEARCH.sort || search.order !== DEFAULT_QUEUE_SEARCH.order) {
    params.set("sort", search.sort);
    params.set("order", search.order);
  }
  if (search.offer !== DEFAULT_QUEUE_SEARCH.offer) params.set("offer", search.offer);
  return params;
}

export function countActiveFilters(search: QueueSearch): number {
  return (
    LIST_KEYS.reduce((n, key) => n + (search[key].length > 0 ? 1 : 0), 0) +
    (search.work ? 1 : 0) +
    (search.assignee ? 1 : 0) +
    (search.minValue || search.maxValue ? 1 : 0) +
    (search.q.trim() ? 1 : 0)
  );
}

/** sessionStorage key of the queue's last query string, so "back to queue" keeps the user's filters. */
export const LAST_QUEUE_SEARCH_KEY = "stockpilot:last-queue-search";
