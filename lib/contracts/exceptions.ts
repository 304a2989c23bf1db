import { z } from "zod";
import { ZIsoDate } from "./calendar";
import { ZApprovalTier, ZReasonCode, type RecommendationStatus, type TActionType, type TApprovalTier } from "./governance";
import type { Permission } from "./permissions";

/** The seven exception types of the product taxonomy. */
export const EXCEPTION_TYPES = [
  "stockout",
  "excess",
  "demand_deviation",
  "supplier_delay",
  "promotion_readiness",
  "inventory_inaccuracy",
  "forecast_drift",
] as const;
export type TExceptionType = (typeof EXCEPTION_TYPES)[number];

export const EXCEPTION_STATUSES = ["open", "snoozed", "resolved", "closed"] as const;
export type TExceptionStatus = (typeof EXCEPTION_STATUSES)[number];
/** Statuses of an exception still in the queue (a snoozed one comes back by itself). */
export const ACTIVE_EXCEPTION_STATUSES = ["open", "snoozed"] as const satisfies readonly TExceptionStatus[];

/** Why an exception left the queue (Exception.closedReason). */
export const CLOSED_REASONS = {
  /** A person approved one of its actions. */
  actionApproved: "action_approved",
  /** A person rejected its last open action: the planner chose to do nothing. */
  actionsRejected: "actions_rejected",
  /** The policy approved its top action automatically in the plan run. */
  autoApproved: "auto_approved",
  /** A later plan run no longer found the condition; the only reason a run reopens without a material change. */
  conditionCleared: "condition_cleared",
  /** The store counted the stock (store tasks). */
  cycleCounted: "cycle_counted",
  /** Forecast drift still found, but its money effect fell below the value bar: monitored on the dashboard, not queued. */
  belowValueBar: "below_value_bar",
} as const;
export type TClosedReason = (typeof CLOSED_REASONS)[keyof typeof CLOSED_REASONS];

/** Closing reasons in words, as the audit log shows them. */
export const CLOSED_REASON_LABEL: Record<TClosedReason, string> = {
  action_approved: "An action was approved",
  actions_rejected: "Every action was rejected",
  auto_approved: "An action was approved automatically",
  condition_cleared: "The condition cleared in a later plan",
  cycle_counted: "The store counted the stock",
  below_value_bar: "Below the value bar: monitored on the dashboard, not in the queue",
};

export const EXCEPTION_TYPE_LABEL: Record<TExceptionType, string> = {
  stockout: "Stockout",
  excess: "Excess",
  demand_deviation: "Demand shift",
  supplier_delay: "Supplier delay",
  promotion_readiness: "Promo readiness",
  inventory_inaccuracy: "Inventory accuracy",
  forecast_drift: "Forecast drift",
};

export const EXCEPTION_STATUS_LABEL: Record<TExceptionStatus, string> = {
  open: "Open",
  snoozed: "Snoozed",
  resolved: "Resolved",
  closed: "Closed",
};

export const EXCEPTION_SORT_KEYS = ["score", "moneyAtRisk", "daysToImpact", "confidence", "raisedAt"] as const;

const csvList = <T extends z.ZodType<unknown, string>>(item: T) =>
  z
    .string()
    .transform((value) => value.split(",").filter(Boolean))
    .pipe(z.array(item));

/**
 * Query of `GET /api/v1/exceptions`; every filter is optional, values of a list are OR-ed.
 * `status` defaults to open; `location` and `supplier` are codes; `assignee` is a user id, "me" or
 * "none"; `minValue`/`maxValue` bound money at risk; `q` matches SKU, product or location name/code
 * and the summary.
 */
/** The parts of a capped planner's open items: today's offer, those waiting, those below the value bar. */
export const DAILY_CAP_PARTS = ["today", "waiting", "below-bar"] as const;

export const ZExceptionListQuery = z.object({
  type: csvList(z.enum(EXCEPTION_TYPES)).optional(),
  status: csvList(z.enum(EXCEPTION_STATUSES)).optional(),
  region: csvList(z.string().min(1)).optional(),
  location: csvList(z.string().min(1)).optional(),
  category: csvList(z.string().min(1)).optional(),
  /** SKU codes, matched exactly (`q` matches parts of codes and names). */
  sku: csvList(z.string().min(1)).optional(),
  /**
   * Forecasting models (canonical method names, as the dashboard's drift groups key them): only forecast
   * drift items whose series drifts under one of them in the drift record of the latest network plan run.
   */
  model: csvList(z.string().min(1).max(200)).optional(),
  supplier: csvList(z.string().min(1)).optional(),
  /** "supplier": only exceptions with a supplier or PO action (order, expedite, cut, confirm) waiting for a person. */
  work: z.enum(["supplier"]).optional(),
  /** Approval tier the exception's top action needs (its `tierRequired`); values are OR-ed. */
  tier: csvList(ZApprovalTier).optional(),
  assignee: z.string().min(1).optional(),
  minValue: z.coerce.number().nonnegative().optional(),
  maxValue: z.coerce.number().nonnegative().optional(),
  q: z.string().trim().min(1).max(100).optional(),
  sort: z.enum(EXCEPTION_SORT_KEYS).default("score"),
  order: z.enum(["asc", "desc"]).default("desc"),
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /**
   * For a capped planner: "today" lists the day's offer (the top items by score, as many as the
   * policy's daily items per planner leave after today's decisions); "waiting" lists the rest that
   * need a person; "below-bar" the items whose best action nets less than the policy's value bar.
   */
  offer: z.enum(DAILY_CAP_PARTS).default("today"),
});
export type TExceptionListQuery = z.infer<typeof ZExceptionListQuery>;

export interface TExceptionListItem {
  id: string;
  type: TExceptionType;
  status: TExceptionStatus;
  location: { id: number; code: string; name: string; region: string };
  product: { id: number; sku: string; name: string; category: string };
  score: number;
  moneyAtRisk: number;
  urgency: number;
  confidence: number;
  daysToImpact: number | null;
  tierRequired: TApprovalTier | null;
  /** Its top action needs a person but nets less than the approval policy's value bar: nobody is asked. */
  belowValueBar: boolean;
  summary: string;
  assignee: { id: string; name: string } | null;
  raisedAt: string;
  snoozedUntil: string | null;
  version: number;
  /**
   * Set when the item stands for several stores of one cluster (filed under their DC): the queue names
   * the stores' cluster and count instead of the DC; the stores are listed on its recommendation.
   */
  storeGroup: { region: string; cluster: string; stores: number } | null;
  /**
   * Set when the item stands for one supplier's open order lines of several SKUs at its location, on
   * one or more POs (filed under the largest SKU's product): the queue names the supplier, its POs and
   * the SKU count instead of that product; the lines are listed on its recommendation.
   */
  supplierOrderGroup: { supplier: { code: string; name: string }; purchaseOrders: string[]; skus: number; lines: number } | null;
}

/**
 * What an item is about, as a planner reads it: its product's name, or a supplier's order lines
 * ("3 SKUs from Acme on PO-77", "5 SKUs from Acme on 3 POs"): the supplier before a PO number that may be cut short.
 */
export function exceptionSubjectName(item: { product: { name: string }; supplierOrderGroup: TExceptionListItem["supplierOrderGroup"] }): string {
  const group = item.supplierOrderGroup;
  if (!group) return item.product.name;
  const orders = group.purchaseOrders.length === 1 ? group.purchaseOrders[0]! : `${group.purchaseOrders.length} POs`;
  return `${group.skus} ${group.skus === 1 ? "SKU" : "SKUs"} from ${group.supplier.name} on ${orders}`;
}

/** Where an item is, as a planner reads it: its location's name, or its cluster's stores ("12 suburban stores, North"). */
export function exceptionPlaceName(item: { location: { name: string }; storeGroup: TExceptionListItem["storeGroup"] }): string {
  const group = item.storeGroup;
  return group ? `${group.stores} ${group.cluster} ${group.stores === 1 ? "store" : "stores"}, ${group.region}` : item.location.name;
}

/**
 * A group action's share per store, or per SKU line of a supplier's open orders (with its product id
 * and PO number), as stored in Recommendation.details.lines.
 */
export const ZActionLines = z.array(
  z.object({ locationId: z.number().int(), productId: z.number().int().optional(), poNumber: z.string().optional(), quantity: z.number().nonnegative() }),
);
export type TActionLines = z.infer<typeof ZActionLines>;

/** The per-store lines of a recommendation's details JSON; null for an action at one place. */
export function actionLinesOf(details: string): TActionLines | null {
  try {
    const lines = ZActionLines.safeParse((JSON.parse(details) as { lines?: unknown } | null)?.lines);
    return lines.success ? lines.data : null;
  } catch {
    return null;
  }
}

export interface QueueOption {
  value: string;
  label: string;
}

/** What the signed-in user may filter the queue by and assign to, within their scope. */
export interface QueueOptions {
  regions: string[];
  locations: QueueOption[];
  categories: string[];
  /** Products the URL's `sku` filter names, within the scope: the filter shows their names. */
  skus: QueueOption[];
  /** Models drifting in the latest drift record within the scope, in words (the `model` filter's values). */
  models: QueueOption[];
  suppliers: QueueOption[];
  /** Colleagues who can take an exception (the user themself is offered as "me"). */
  people: TUserRef[];
}

export interface TExceptionListPage {
  items: TExceptionListItem[];
  /** Opaque; pass back as `cursor` for the next page. Null on the last page. */
  nextCursor: string | null;
  /** How many rows match the filters in the viewer's scope; counted on the first page only (null on later pages). */
  total: number | null;
  /** The planner's daily volume cap when it shapes this list; null when it does not apply. */
  dailyCap: TDailyCap | null;
}

/**
 * A planner's daily volume: the open items in their scope, ranked by score, of which the day's
 * offer is the first `cap − decidedToday`; the others wait and stay in every count and KPI.
 */
export interface TDailyCap {
  /** Queue items per planner per day (approval policy field `dailyItemsPerPlanner`). */
  cap: number;
  policyVersion: number;
  /** Items this planner decided today (approved, modified or rejected an action of). */
  decidedToday: number;
  /** Open items in the planner's scope. */
  open: number;
  /** Of those, offered today. */
  offered: number;
  /** Of those, waiting for a later day. */
  waiting: number;
  /** Of those, below the value bar: their best action nets less than `minDecisionValue`, so nobody is asked. */
  belowValueBar: number;
  /** Items in the planner's scope the system settled today under the policy (their best action auto-approved). */
  autoHandledToday: number;
  /** The approval policy's value bar: the least net benefit worth a person's decision. */
  minDecisionValue: number;
  /** Which part this page lists. */
  showing: (typeof DAILY_CAP_PARTS)[number];
}

// ---------------------------------------------------------------------------------------------
// Detail: GET /api/v1/exceptions/{id}
// ---------------------------------------------------------------------------------------------

/** Recommendation.status values (the governance workflow's states). */
export type TRecommendationStatus = RecommendationStatus;
/** Recommendation.actionType values, as stored and as the governance policy names them. */
export type TRecommendationActionType = TActionType;

export type TDriverUnit = "units" | "days" | "percent" | "money" | "probability" | "weeks" | "ratio" | "count";

/** One quantified reason behind the exception; `text` is the formatted value the summary quotes. */
export interface TExceptionDriver {
  key: string;
  label: string;
  value: number;
  unit: TDriverUnit;
  text: string;
  /** Business reference the driver is about: a PO number, promotion code or supplier code. */
  reference: string | null;
}

/** score = moneyAtRisk × urgency × confidence; urgency = 1 / (1 + daysUntilImpact / 7). */
export interface TScoreComponents {
  moneyAtRisk: number;
  urgency: number;
  daysUntilImpact: number;
  confidence: number;
  score: number;
}

export interface TLocationRef {
  id: number;
  code: string;
  name: string;
}

export interface TUserRef {
  id: string;
  name: string;
}

/** Why the signed-in user may not take each decision now, or null when they may (same rule the POST enforces). */
export interface TDecisionRefusals {
  approve: string | null;
  modify: string | null;
  reject: string | null;
}

export interface TRecommendationView {
  id: string;
  /** 1 = best net benefit. */
  rank: number;
  actionType: TRecommendationActionType;
  status: TRecommendationStatus;
  tier: TApprovalTier;
  quantity: number;
  /** The quantity the engine proposed (differs from `quantity` after a modification). */
  proposedQuantity: number;
  cost: number;
  benefit: number;
  /** benefit − cost. */
  netBenefit: number;
  /** Money the approval tier is judged on. */
  value: number;
  source: TLocationRef | null;
  destination: TLocationRef | null;
  /**
   * A group's action: each store (a cluster's) or each SKU line of a supplier's open orders (`product`,
   * `poNumber` and `value` at cost set) with its share of `quantity` (whole units, adding up to it);
   * null for one place and SKU.
   */
  lines: { location: TLocationRef; product: { sku: string; name: string } | null; poNumber: string | null; value: number | null; quantity: number }[] | null;
  poNumber: string | null;
  /** Plain-language reasons for the tier (stale data, low confidence, limits), from the governance router. */
  routingReasons: string[];
  policyVersion: number | null;
  planRunId: string;
  modifiedBy: TUserRef | null;
  decidedBy: TUserRef | null;
  decidedAt: string | null;
  reasonCode: string | null;
  createdAt: string;
  /** Pass back as `expectedVersion` when deciding. */
  version: number;
  refusals: TDecisionRefusals;
}

export interface TExceptionCommentView {
  id: string;
  author: TUserRef;
  body: string;
  createdAt: string;
}

/** One Decision row (route, auto_approve, approve, modify, reject, supersede, expire, export). */
export interface TDecisionHistoryEntry {
  id: string;
  recommendationId: string;
  actionType: TRecommendationActionType;
  kind: string;
  fromStatus: string;
  toStatus: string;
  actor: { id: string | null; name: string; role: string };
  quantityBefore: number | null;
  quantityAfter: number | null;
  reasonCode: string | null;
  comment: string | null;
  policyVersion: number | null;
  createdAt: string;
}

/** Audit events about the exception itself (raised, re-raised, closed, snoozed, assigned, commented, overridden). */
export interface TExceptionAuditEntry {
  seq: number;
  at: string;
  action: string;
  actor: { id: string | null; name: string; role: string | null };
  before: unknown;
  after: unknown;
  reason: string | null;
  planRunId: string | null;
}

/**
 * Chart data of the exception's series from its latest plan run. All arrays are aligned on `days`
 * (ISO dates): history days first (sales set, forecast fields null), then horizon days (sales null).
 */
export interface TSeriesChart {
  planRunId: string;
  days: string[];
  /** Index in `days` of the first forecast day (the plan's asOf). */
  forecastStartIndex: number;
  sales: (number | null)[];
  mean: (number | null)[];
  p10: (number | null)[];
  p90: (number | null)[];
  /** Projected end-of-day on hand, median and pessimistic demand (negative = unmet demand). */
  projectedOnHand: (number | null)[];
  projectedOnHandPessimistic: (number | null)[];
  /** Projected on hand (median) if the recommended action is carried out, and which action that is. */
  projectedOnHandWithAction: { actionType: string; quantity: number; values: (number | null)[] } | null;
  safetyStock: number;
  reorderPoint: number;
  orderUpToLevel: number;
  onHand: number;
  poArrivals: { date: string; quantity: number; poNumber: string }[];
  promotions: { code: string; startDate: string; endDate: string; expectedUplift: number }[];
  /** Days inside an active forecast override, and its daily units. */
  overrides: { startDate: string; endDate: string; dailyUnits: number }[];
  /** Customer returns received (history days) and coming back to stock after inspection (horizon days), aligned on `days`; null without returns. */
  returns: { rate: number; lagDays: number; received: (number | null)[]; backToStock: (number | null)[] } | null;
  method: string;
  /** A DC's sales and forecast are the demand pulled through it: its own plus that of this many supplied locations; null where they are the series' own. */
  pulledThrough: { suppliedLocations: number } | null;
  /** With `pulledThrough`: the DC's own forecast, aligned on `days` — what a forecast override of the DC replaces; null otherwise. */
  ownMean: (number | null)[] | null;
  /** A new product's forecast source in words ("based on SKU B48 (Urban jeans) ×0.8"); null for an established series. */
  basedOn: string | null;
  demandClass: string;
  accuracy: { wape: number; mase: number; bias: number; coverage80: number; trackingSignal: number } | null;
}

/** Where the numbers come from: the plan run, its input snapshot, and the engine and policy versions. */
export interface TExceptionTrace {
  planRunId: string;
  planRunFinishedAt: string | null;
  /** Business day the plan was made for (day after the last sales date). */
  asOf: string;
  inputHash: string | null;
  engineVersion: string | null;
  policyVersion: number | null;
  firstRunId: string;
  /** Engine's subject key, e.g. "projected-stockout:S01|SKU7". */
  engineExceptionId: string | null;
}

/**
 * A forecast override in force on the charted series, and where it came from: a planner's own
 * (by name, with the reason), or an approved "adjust forecast" recommendation (approved by whom
 * and when; no approver when the approval policy approved it automatically).
 */
export interface TForecastOverrideView {
  id: string;
  startDate: string;
  endDate: string;
  /** Units per day the plan forecasts on those days. */
  dailyUnits: number;
  /** Units per day of the forecast it replaced. */
  replacedUnits: number;
  createdAt: string;
  source:
    | { kind: "planner"; by: { id: string; name: string } | null; reasonCode: string }
    | { kind: "approved_recommendation"; recommendationId: string; approvedAt: string; approvedBy: { id: string; name: string } | null; policyVersion: number | null };
}

export interface TExceptionDetail extends TExceptionListItem {
  supplier: { id: number; code: string; name: string } | null;
  closedAt: string | null;
  closedReason: string | null;
  drivers: TExceptionDriver[];
  scoreComponents: TScoreComponents;
  /** Ranked: the latest run's recommendations by rank first, then older ones (decided, superseded) newest first. */
  recommendations: TRecommendationView[];
  comments: TExceptionCommentView[];
  history: { decisions: TDecisionHistoryEntry[]; audit: TExceptionAuditEntry[] };
  chart: TSeriesChart | null;
  /** Forecast overrides in force on the charted series from the latest run's date on, newest first. */
  forecastOverrides: TForecastOverrideView[];
  /** The store the chart is of when it is not the exception's own location (a cluster's first-listed store). */
  chartLocation: TLocationRef | null;
  trace: TExceptionTrace;
  /** What the signed-in user may do on the exception itself. */
  can: { triage: boolean; overrideForecast: boolean };
}

// ---------------------------------------------------------------------------------------------
// Decisions: POST /api/v1/exceptions/{id}/decisions
// ---------------------------------------------------------------------------------------------

/** Reasons a planner overrides a forecast; closed so forecast value added can be reported per reason. */
export const FORECAST_OVERRIDE_REASONS = [
  "promotion",
  "event",
  "weather",
  "new_listing",
  "supply_constraint",
  "data_error",
  "market_intelligence",
  "other",
] as const;

/**
 * The reason code of a forecast override that an approved "adjust forecast" recommendation wrote
 * (never a planner's choice): forecast value added reports these apart from the planners' own.
 */
export const APPROVED_RECOMMENDATION_REASON = "approved_recommendation";

/** The words for every reason a forecast override carries, a planner's or an approved recommendation's. */
export const FORECAST_OVERRIDE_REASON_LABEL: Record<(typeof FORECAST_OVERRIDE_REASONS)[number] | typeof APPROVED_RECOMMENDATION_REASON, string> = {
  promotion: "Promotion",
  event: "Local event",
  weather: "Weather",
  new_listing: "New listing",
  supply_constraint: "Supply constraint",
  data_error: "Data error",
  market_intelligence: "Market intelligence",
  other: "Other (explain)",
  approved_recommendation: "Approved recommendations",
};

const ZRecommendationVersion = z.object({ recommendationId: z.string().min(1), expectedVersion: z.number().int().positive() });
const ZComment = z.string().trim().min(1).max(1_000).optional();
/**
 * Body of POST /api/v1/exceptions/{id}/decisions. approve / modify / reject act on one of the
 * exception's recommendations (its version); snooze / assign act on the exception (its version).
 */
export const ZExceptionDecisionRequest = z.discriminatedUnion("decision", [
  ZRecommendationVersion.extend({ decision: z.literal("approve"), comment: ZComment }),
  ZRecommendationVersion.extend({
    decision: z.literal("modify"),
    quantity: z.number().finite().positive(),
    reasonCode: ZReasonCode,
    comment: ZComment,
  }),
  ZRecommendationVersion.extend({ decision: z.literal("reject"), reasonCode: ZReasonCode, comment: ZComment }),
  z.object({ decision: z.literal("snooze"), expectedVersion: z.number().int().positive(), until: ZIsoDate, comment: ZComment }),
  z.object({ decision: z.literal("assign"), expectedVersion: z.number().int().positive(), assigneeId: z.string().min(1).nullable() }),
  z.object({ decision: z.literal("comment"), body: z.string().trim().min(1).max(4_000) }),
  z.object({
    decision: z.literal("override_forecast"),
    startDate: ZIsoDate,
    endDate: ZIsoDate,
    /** Daily units the planner expects over [startDate, endDate]. */
    dailyUnits: z.number().finite().nonnegative(),
    reasonCode: z.enum(FORECAST_OVERRIDE_REASONS),
    comment: ZComment,
  }),
]);
export type TExceptionDecisionRequest = z.infer<typeof ZExceptionDecisionRequest>;

/**
 * The permission each decision on the exception page needs. Rejecting is also open to approvers who
 * cannot propose (finance), so it asks for decisions.approve, which every proposing role holds too.
 */
export const EXCEPTION_DECISION_PERMISSIONS = {
  approve: "decisions.approve",
  modify: "decisions.propose",
  reject: "decisions.approve",
  snooze: "exceptions.triage",
  assign: "exceptions.triage",
  comment: "exceptions.triage",
  override_forecast: "forecast.override",
} as const satisfies Record<TExceptionDecisionRequest["decision"], Permission>;

export interface TExceptionDecisionResponse {
  exception: TExceptionDetail;
  /** Set after a forecast override, or an approval that changed the series' forecast: the replan of the series, poll GET /api/v1/plan-runs/{id}. */
  replanRunId: string | null;
}

export const ZExceptionIdParams = z.object({ id: z.string().min(1).max(64) });
