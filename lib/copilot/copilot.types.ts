import { z } from "zod";
import { EXCEPTION_TYPES, type TExceptionType } from "../contracts/exceptions";
import type { HumanDecisionKind } from "../contracts/governance";

/**
 * The questions Stockpilot answers in plain words. Pure vocabulary shared by the language layer,
 * the server that answers and the command bar that shows the answer.
 */
export const COPILOT_INTENTS = [
  "top_priorities",
  "explain_exception",
  "late_suppliers",
  "money_at_risk",
  "changes_since",
  "list_exceptions",
  "forecast",
  "forecast_accuracy",
  "service_level",
  "decisions_made",
  "approvals_waiting",
  "stock_on_hand",
  "purchase_order_status",
  "promotion_status",
  "unknown",
] as const;
export type CopilotIntent = (typeof COPILOT_INTENTS)[number];

/** Roles a question may name as the decider ("what did finance approve today?"). */
export const DECIDER_ROLES = ["planner", "buyer", "store_manager", "finance"] as const;
export type DeciderRole = (typeof DECIDER_ROLES)[number];

/** A decision a question may name ("what did finance approve today?"). */
export type DecisionKindWord = HumanDecisionKind;

/** An inclusive range of ISO calendar days, with the words that named it. */
export interface DateRange {
  from: string;
  to: string;
  label: string;
}

/** Master data the linker resolves names against; the server loads it, tests hand-write it. */
export interface CopilotCatalog {
  locations: readonly { code: string; name: string; region: string }[];
  products: readonly { sku: string; name: string; category: string }[];
  suppliers: readonly { code: string; name: string }[];
  promotions: readonly { code: string; name: string }[];
  /** Regions and categories as stored (their case is kept in answers and links). */
  regions: readonly string[];
  categories: readonly string[];
}

export type EntityKind = "location" | "region" | "product" | "category" | "supplier" | "purchaseOrder" | "promotion";

/** What a question named, resolved to canonical codes (SKUs, location codes, stored region names…). */
export interface QuestionEntities {
  locations: string[];
  regions: string[];
  /** SKUs; a product name shared by several SKUs ("Urban jeans") resolves to all of them. */
  products: string[];
  categories: string[];
  suppliers: string[];
  purchaseOrders: string[];
  promotions: string[];
  exceptionTypes: TExceptionType[];
  deciderRole: DeciderRole | null;
  decisionKind: DecisionKindWord | null;
  period: DateRange | null;
}

/** One linked span, kept for display ("Urban jeans → SKU0004, SKU0014") and for debugging typos. */
export interface EntityMatch {
  kind: EntityKind;
  /** The words of the question that matched. */
  text: string;
  values: string[];
  /** Total edit distance between the question's words and the matched name (0 = exact). */
  distance: number;
}

export interface ParsedQuestion {
  text: string;
  intent: CopilotIntent;
  entities: QuestionEntities;
  matches: EntityMatch[];
}

export { EXCEPTION_TYPES, type TExceptionType };

/** Shown in the command bar before the first question. */
export const STARTER_QUESTIONS = [
  "What should I do first today?",
  "What changed since yesterday?",
  "Which suppliers are late this week?",
  "Money at risk by exception type",
  "What is waiting for my approval?",
] as const;

// ---------------------------------------------------------------------------------------------
// The wire: POST /api/v1/ask
// ---------------------------------------------------------------------------------------------

export const ZAskRequest = z.object({
  question: z.string().trim().min(1, "Type a question.").max(300, "Keep the question under 300 characters."),
  /** The exception page the question is asked on, for "why is this store short?". */
  exceptionId: z.string().min(1).max(64).optional(),
});
export type TAskRequest = z.infer<typeof ZAskRequest>;

/** A piece of the answer's sentence; a number or a name that shows evidence links to the page with it. */
export interface AnswerSegment {
  text: string;
  href?: string;
}

/** One row under the sentence, e.g. one exception or one supplier. */
export interface AnswerItem {
  label: string;
  detail: string;
  href: string;
}

export const ANSWER_STATUSES = ["answered", "empty", "out_of_scope", "not_understood"] as const;
export type AnswerStatus = (typeof ANSWER_STATUSES)[number];

export interface TAskResponse {
  status: AnswerStatus;
  intent: CopilotIntent;
  /** The sentence, in segments; concatenating the texts gives the plain answer. */
  sentence: AnswerSegment[];
  items: AnswerItem[];
  /** The page that shows everything the answer is about. */
  primaryHref: string | null;
  /** What the question was understood to mean, e.g. "Region North · Outerwear". */
  understood: string[];
  /** For unknown or out-of-scope questions: the closest questions that can be answered. */
  suggestions: string[];
}
