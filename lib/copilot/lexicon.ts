import type { CopilotIntent, DeciderRole, DecisionKindWord, TExceptionType } from "./copilot.types";

/** A phrase of the fixed vocabulary and what it means; words are in tokenized form. */
export interface Phrase<T> {
  words: readonly string[];
  value: T;
}

const phrases = <T>(table: Record<string, T>): Phrase<T>[] =>
  Object.entries(table).map(([text, value]) => ({ words: text.split(" "), value }));

export const EXCEPTION_TYPE_PHRASES: Phrase<TExceptionType>[] = phrases<TExceptionType>({
  stockout: "stockout",
  stockouts: "stockout",
  "stock out": "stockout",
  "stock outs": "stockout",
  "stocked out": "stockout",
  "out of stock": "stockout",
  "run out": "stockout",
  "runs out": "stockout",
  "running out": "stockout",
  "run short": "stockout",
  short: "stockout",
  shortage: "stockout",
  shortages: "stockout",
  oos: "stockout",
  excess: "excess",
  overstock: "excess",
  overstocked: "excess",
  overstocks: "excess",
  surplus: "excess",
  "too much stock": "excess",
  "too much inventory": "excess",
  "demand deviation": "demand_deviation",
  "demand deviations": "demand_deviation",
  "demand spike": "demand_deviation",
  "demand spikes": "demand_deviation",
  "demand shift": "demand_deviation",
  deviation: "demand_deviation",
  deviations: "demand_deviation",
  spike: "demand_deviation",
  spikes: "demand_deviation",
  "selling faster": "demand_deviation",
  "supplier delay": "supplier_delay",
  "supplier delays": "supplier_delay",
  delay: "supplier_delay",
  delays: "supplier_delay",
  delayed: "supplier_delay",
  late: "supplier_delay",
  overdue: "supplier_delay",
  slipping: "supplier_delay",
  "promotion readiness": "promotion_readiness",
  "promo readiness": "promotion_readiness",
  readiness: "promotion_readiness",
  "not ready": "promotion_readiness",
  "phantom stock": "inventory_inaccuracy",
  "phantom inventory": "inventory_inaccuracy",
  phantom: "inventory_inaccuracy",
  "inventory inaccuracy": "inventory_inaccuracy",
  "inventory accuracy": "inventory_inaccuracy",
  inaccuracy: "inventory_inaccuracy",
  inaccurate: "inventory_inaccuracy",
  "negative on hand": "inventory_inaccuracy",
  "negative stock": "inventory_inaccuracy",
  "count error": "inventory_inaccuracy",
  "count errors": "inventory_inaccuracy",
  "forecast drift": "forecast_drift",
  drift: "forecast_drift",
  drifting: "forecast_drift",
  biased: "forecast_drift",
});

export const DECIDER_ROLE_PHRASES: Phrase<DeciderRole>[] = phrases<DeciderRole>({
  finance: "finance",
  "finance approver": "finance",
  "finance approvers": "finance",
  buyer: "buyer",
  buyers: "buyer",
  buying: "buyer",
  planner: "planner",
  planners: "planner",
  planning: "planner",
  "store manager": "store_manager",
  "store managers": "store_manager",
});

export const DECISION_KIND_PHRASES: Phrase<DecisionKindWord>[] = phrases<DecisionKindWord>({
  approve: "approve",
  approved: "approve",
  "signed off": "approve",
  reject: "reject",
  rejected: "reject",
  declined: "reject",
  "turned down": "reject",
  modify: "modify",
  modified: "modify",
  adjusted: "modify",
});

export const NUMBER_WORDS: Record<string, number> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, twenty: 20, thirty: 30,
};

export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;

/** Words of relative dates, so typos of them are corrected before dates are read. */
export const DATE_WORDS = [
  "today", "yesterday", "tomorrow", "tonight", "this", "next", "last", "past", "previous", "coming", "since", "within",
  "week", "weeks", "month", "months", "day", "days", "fortnight", ...WEEKDAYS, ...Object.keys(NUMBER_WORDS),
];

/**
 * Cue phrases of each intent with their weight. The intent with the highest total wins; entities
 * found in the question add their own evidence (see classify-intent.ts).
 */
export const INTENT_CUES: Record<Exclude<CopilotIntent, "unknown">, Record<string, number>> = {
  top_priorities: {
    "what should i do": 4, "do first": 4, "work on first": 4, "start with": 3, "focus on": 3, priorities: 4, priority: 3,
    "most urgent": 4, urgent: 3, "most important": 4, top: 2, tackle: 2, "first": 1.5, "to do": 2, todo: 2, "my day": 2, "first today": 2, biggest: 2, "what now": 3,
  },
  explain_exception: {
    why: 4, explain: 4, "root cause": 4, cause: 2, reason: 2, "what is wrong": 3, "whats wrong": 3, "going on": 3, "what happened": 2, "tell me about": 2,
  },
  late_suppliers: {
    supplier: 1.5, suppliers: 2, vendor: 1.5, vendors: 2, "which suppliers": 2, "supplier performance": 3, "lead time": 2, "lead times": 2,
  },
  money_at_risk: {
    "money at risk": 5, "value at risk": 5, "at risk": 1.5, money: 3, "how much money": 3, exposure: 3, "how much is at stake": 4, "at stake": 3,
    dollars: 2, euros: 2, cost: 1, "total risk": 3, revenue: 2, "sales at risk": 3,
  },
  changes_since: {
    "what changed": 5, changed: 3, changes: 3, "since the last run": 4, "since last run": 4, "since the last plan": 4, "what is new": 4, "whats new": 4,
    new: 1.5, escalated: 2, closed: 1.5, difference: 2, "compared to": 2, diff: 2,
  },
  list_exceptions: {
    exceptions: 1.5, exception: 1.5, alerts: 1.5, issues: 1, problems: 1, show: 1, list: 1.5, "where are": 1, "which stores": 1, "which items": 1, risks: 1,
  },
  forecast: {
    forecast: 2.5, forecasts: 2.5, "forecast for": 1, "expected sales": 4, "expected demand": 4, "demand for": 2, "will we sell": 4, "will sell": 3,
    predicted: 3, prediction: 3, projection: 2, outlook: 2, sell: 2,
  },
  forecast_accuracy: {
    accurate: 4, accuracy: 4, wape: 5, mase: 5, error: 2, errors: 2, "forecast error": 3, "how good": 3, bias: 3, "how well": 2, reliable: 3,
  },
  service_level: {
    "in stock rate": 5, "our in stock": 4, "in stock percentage": 5, "in stock level": 4, "fill rate": 5, "service level": 5, "service levels": 5,
    availability: 4, "on shelf": 3, "lost sales": 4, "stockout rate": 5, "stock out rate": 5,
  },
  decisions_made: {
    "who approved": 3, "what did": 1.5, decisions: 2, decided: 3, "decision history": 4, "who rejected": 3, "approvals by": 4, "approved by": 3,
  },
  approvals_waiting: {
    "my approval": 4, "waiting for my": 3, "waiting for me": 3, "waiting on me": 3, "awaiting approval": 4, "pending approval": 4, "pending approvals": 4,
    "need approval": 3, "needs approval": 3, "to approve": 3, "can i approve": 4, "should i approve": 4, approvals: 3, approval: 2, inbox: 2, "sign off": 2, pending: 1.5, waiting: 1,
  },
  stock_on_hand: {
    "on hand": 4, onhand: 4, "how much stock": 4, "how many units": 3, "stock level": 3, "stock levels": 3, "stock position": 3, "inventory of": 2,
    "how much inventory": 4, "units left": 3, "in stock": 2, "do we have": 2, "current stock": 4, "stock of": 3,
  },
  purchase_order_status: {
    "purchase order": 3, "purchase orders": 3, po: 2, pos: 2, eta: 2, arrive: 2, arriving: 2, "when will": 1, "where is": 1,
  },
  promotion_status: {
    promotion: 2, promotions: 2, promo: 2, promos: 2, campaign: 2, ready: 1, lift: 1, uplift: 1,
  },
};

/** Words that carry no entity, never matched loosely against names (e.g. "least" would be "East"). */
export const STOP_WORDS = new Set([
  "a", "an", "the", "is", "are", "was", "were", "be", "been", "being", "am", "i", "me", "my", "we", "our", "us", "you", "your", "it", "its", "this", "that",
  "these", "those", "what", "which", "who", "whom", "whose", "when", "where", "why", "how", "do", "does", "did", "doing", "done", "can", "could", "should",
  "would", "will", "shall", "may", "might", "must", "of", "in", "on", "at", "to", "for", "from", "by", "with", "about", "into", "over", "under", "and",
  "or", "not", "no", "yes", "all", "any", "some", "much", "many", "more", "most", "least", "less", "there", "here", "than", "then", "so", "if", "please",
  "show", "tell", "give", "get", "list", "find", "me", "today", "now", "store", "stores", "region", "category", "categories", "item", "items", "sku",
  "skus", "product", "products", "supplier", "suppliers", "location", "locations", "just", "also", "still", "going", "have", "has", "had", "let",
]);
