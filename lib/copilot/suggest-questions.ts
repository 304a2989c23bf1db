import type { CopilotIntent, ParsedQuestion } from "./copilot.types";
import { STOP_WORDS } from "./lexicon";
import { tokenize } from "./tokenize";

/** Names to fill the example questions with: the asker's own stores, products, categories… */
export interface SuggestionSamples {
  location: string | null;
  product: string | null;
  region: string | null;
  category: string | null;
  supplier: string | null;
  promotion: string | null;
}

type Slot = keyof SuggestionSamples;

/** One answerable example per intent; {slot} is filled from the question or the samples. */
const EXAMPLES: Record<Exclude<CopilotIntent, "unknown">, string> = {
  top_priorities: "What should I do first today?",
  explain_exception: "Why is {product} at {location} at risk?",
  late_suppliers: "Which suppliers are late this week?",
  money_at_risk: "Money at risk in {region} {category}",
  changes_since: "What changed since yesterday?",
  list_exceptions: "Stock-outs in {region} next week",
  forecast: "Forecast for {product} at {location}",
  forecast_accuracy: "How accurate is the forecast for {category}?",
  service_level: "What is the in-stock rate for {category}?",
  decisions_made: "What did finance approve today?",
  approvals_waiting: "What is waiting for my approval?",
  stock_on_hand: "How much stock of {product} at {location}?",
  purchase_order_status: "Which purchase orders from {supplier} are open?",
  promotion_status: "Is {promotion} ready?",
};

function contentWords(text: string): Set<string> {
  return new Set(tokenize(text).map((t) => t.text).filter((w) => !STOP_WORDS.has(w) && !w.startsWith("{")));
}

function fill(template: string, values: SuggestionSamples): string | null {
  let missing = false;
  const text = template.replace(/\{(\w+)\}/g, (_, slot: Slot) => {
    const value = values[slot];
    if (!value) missing = true;
    return value ?? "";
  });
  return missing ? null : text;
}

/**
 * The questions closest to one that could not be answered: examples sharing its words and the kinds
 * of names it used score highest; each is filled with the question's own names where it gave them,
 * else with the samples, and left out when a name is missing; the question's own intent, when it had
 * one, comes first. Only intents in `allowed` are offered.
 */
export function suggestQuestions(parsed: ParsedQuestion, samples: SuggestionSamples, allowed: readonly CopilotIntent[], limit = 3): string[] {
  const e = parsed.entities;
  const values: SuggestionSamples = {
    location: e.locations[0] ?? samples.location,
    product: e.products[0] ?? samples.product,
    region: e.regions[0] ?? samples.region,
    category: e.categories[0] ?? samples.category,
    supplier: e.suppliers[0] ?? samples.supplier,
    promotion: e.promotions[0] ?? samples.promotion,
  };
  const given = new Set<Slot>(
    (Object.entries({ location: e.locations, product: e.products, region: e.regions, category: e.categories, supplier: e.suppliers, promotion: e.promotions }) as [Slot, string[]][])
      .filter(([, list]) => list.length > 0)
      .map(([slot]) => slot),
  );
  const asked = contentWords(parsed.text);
  const scored = (Object.entries(EXAMPLES) as [Exclude<CopilotIntent, "unknown">, string][])
    .filter(([intent]) => allowed.includes(intent))
    .flatMap(([intent, template], order) => {
      const text = fill(template, values);
      if (text === null) return [];
      const words = contentWords(template);
      const shared = [...words].filter((w) => asked.has(w)).length;
      const overlap = words.size + asked.size > 0 ? (2 * shared) / (words.size + asked.size) : 0;
      const slots = [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1] as Slot);
      const slotFit = slots.length > 0 ? slots.filter((s) => given.has(s)).length / slots.length : 0;
      return [{ text, score: overlap + 0.5 * slotFit + (intent === parsed.intent ? 1 : 0), order }];
    });
  scored.sort((a, b) => b.score - a.score || a.order - b.order);
  return scored.slice(0, limit).map((s) => s.text);
}
