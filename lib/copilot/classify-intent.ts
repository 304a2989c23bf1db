import { COPILOT_INTENTS, type CopilotIntent, type QuestionEntities } from "./copilot.types";
import { INTENT_CUES } from "./lexicon";

/** Below this much evidence the question is not understood. */
export const MIN_INTENT_SCORE = 2;

const CUES = Object.entries(INTENT_CUES).map(([intent, cues]) => ({
  intent: intent as Exclude<CopilotIntent, "unknown">,
  cues: Object.entries(cues).map(([phrase, weight]) => ({ words: phrase.split(" "), weight })),
}));

/** Every word of the cue vocabulary, for typo correction. */
export const CUE_WORDS: ReadonlySet<string> = new Set(CUES.flatMap((c) => c.cues.flatMap((cue) => cue.words)));

function containsPhrase(words: readonly string[], phrase: readonly string[]): boolean {
  outer: for (let i = 0; i + phrase.length <= words.length; i++) {
    for (let k = 0; k < phrase.length; k++) if (words[i + k] !== phrase[k]) continue outer;
    return true;
  }
  return false;
}

/** What the entities found say about the intent, on top of the cue words. */
function entityEvidence(entities: QuestionEntities): Partial<Record<CopilotIntent, number>> {
  const evidence: Partial<Record<CopilotIntent, number>> = {};
  const add = (intent: CopilotIntent, weight: number) => (evidence[intent] = (evidence[intent] ?? 0) + weight);
  if (entities.purchaseOrders.length > 0) add("purchase_order_status", 4);
  if (entities.promotions.length > 0) add("promotion_status", 3);
  if (entities.exceptionTypes.length > 0) add("list_exceptions", 2);
  if (entities.exceptionTypes.includes("supplier_delay")) add("late_suppliers", 2);
  if (entities.suppliers.length > 0) add("late_suppliers", 1);
  if (entities.deciderRole !== null) add("decisions_made", 2);
  if (entities.decisionKind !== null) add("decisions_made", 2);
  if (entities.period?.label.startsWith("since")) add("changes_since", 1.5);
  if (entities.products.length > 0 && entities.locations.length > 0) {
    add("explain_exception", 0.5);
    add("forecast", 0.5);
  }
  return evidence;
}

const hasCatalogEntity = (e: QuestionEntities) =>
  e.locations.length + e.regions.length + e.products.length + e.categories.length + e.suppliers.length > 0;

/**
 * Scores every intent by the cue phrases in the (typo-corrected) words plus the entities' evidence;
 * the highest wins, ties going to the intent listed first. A question naming only places or
 * products ("North outerwear") lists their exceptions; one with nothing recognisable is unknown.
 */
export function classifyIntent(words: readonly string[], entities: QuestionEntities): { intent: CopilotIntent; scores: Partial<Record<CopilotIntent, number>> } {
  const scores = entityEvidence(entities);
  for (const { intent, cues } of CUES) {
    for (const cue of cues) if (containsPhrase(words, cue.words)) scores[intent] = (scores[intent] ?? 0) + cue.weight;
  }
  let best: CopilotIntent = "unknown";
  let bestScore = 0;
  for (const intent of COPILOT_INTENTS) {
    const score = scores[intent] ?? 0;
    if (score > bestScore) {
      best = intent;
      bestScore = score;
    }
  }
  if (bestScore >= MIN_INTENT_SCORE) return { intent: best, scores };
  return { intent: hasCatalogEntity(entities) ? "list_exceptions" : "unknown", scores };
}
