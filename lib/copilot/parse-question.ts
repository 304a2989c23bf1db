import { classifyIntent, CUE_WORDS } from "./classify-intent";
import type { EntityKind, ParsedQuestion, QuestionEntities } from "./copilot.types";
import type { EntityIndex } from "./entity-index";
import { DATE_WORDS, DECIDER_ROLE_PHRASES, DECISION_KIND_PHRASES, EXCEPTION_TYPE_PHRASES, STOP_WORDS, type Phrase } from "./lexicon";
import { linkEntities } from "./link-entities";
import { readRelativeDate } from "./read-relative-date";
import { looseDistance, tokenize, type Token } from "./tokenize";

/** Words of the fixed vocabulary (cues, dates, exception types, roles, decisions). */
const FIXED_WORDS: ReadonlySet<string> = new Set([
  ...CUE_WORDS,
  ...DATE_WORDS,
  ...[...EXCEPTION_TYPE_PHRASES, ...DECIDER_ROLE_PHRASES, ...DECISION_KIND_PHRASES].flatMap((p) => p.words),
]);

/** Never matched loosely against names: they are the question's own words. */
const PROTECTED_WORDS: ReadonlySet<string> = new Set([...FIXED_WORDS, ...STOP_WORDS]);

const FIXED_LIST = [...FIXED_WORDS].sort();

/**
 * Corrects a misspelt word to the fixed vocabulary ("suplliers" → "suppliers", "yesturday" →
 * "yesterday") unless a name in the catalog is closer: names are linked loosely later.
 */
function correctWord(token: Token, index: EntityIndex, entityWords: ReadonlySet<string>): string {
  if (token.code !== null || PROTECTED_WORDS.has(token.text) || entityWords.has(token.text)) return token.text;
  let best: { word: string; d: number } | null = null;
  for (const word of FIXED_LIST) {
    const d = looseDistance(token.text, word);
    // On a tie, a longer word wins: a dropped letter ("mony" → "money") is commoner than a wrong one ("many").
    if (d !== null && (best === null || d < best.d || (d === best.d && word.length > best.word.length))) best = { word, d };
  }
  if (best === null) return token.text;
  for (const word of index.vocabulary) {
    const d = looseDistance(token.text, word);
    if (d !== null && d < best.d) return token.text;
  }
  return best.word;
}

/** Longest phrases first, each used once; returns the values found in order of appearance. */
function takePhrases<T>(words: readonly string[], used: boolean[], table: readonly Phrase<T>[]): T[] {
  const sorted = [...table].sort((a, b) => b.words.length - a.words.length);
  const found: { at: number; value: T }[] = [];
  for (const phrase of sorted) {
    for (let i = 0; i + phrase.words.length <= words.length; i++) {
      if (phrase.words.some((w, k) => used[i + k] || words[i + k] !== w)) continue;
      for (let k = 0; k < phrase.words.length; k++) used[i + k] = true;
      found.push({ at: i, value: phrase.value });
    }
  }
  return [...new Set(found.sort((a, b) => a.at - b.at).map((f) => f.value))];
}

const ENTITY_FIELD: Record<EntityKind, keyof Pick<QuestionEntities, "locations" | "regions" | "products" | "categories" | "suppliers" | "purchaseOrders" | "promotions">> = {
  location: "locations",
  region: "regions",
  product: "products",
  category: "categories",
  supplier: "suppliers",
  purchaseOrder: "purchaseOrders",
  promotion: "promotions",
};

/** Entity words, cached per index: correction must know them to leave names alone. */
const entityWordsOf = new WeakMap<EntityIndex, ReadonlySet<string>>();

/**
 * Reads a question: corrects typos of the fixed vocabulary, reads a relative date against `today`
 * (ISO day), picks out exception types, decider roles and decision kinds, links the remaining words
 * to the catalog, then decides the intent. Pure and deterministic: same input, same reading.
 */
export function parseQuestion(text: string, index: EntityIndex, today: string): ParsedQuestion {
  let entityWords = entityWordsOf.get(index);
  if (!entityWords) {
    entityWords = new Set(index.vocabulary);
    entityWordsOf.set(index, entityWords);
  }
  const raw = tokenize(text);
  const words = raw.map((token) => correctWord(token, index, entityWords));
  const tokens: Token[] = raw.map((token, i) => ({ text: words[i]!, code: token.code }));
  const used = tokens.map(() => false);

  const date = readRelativeDate(words, used, today);
  if (date) for (let i = date.start; i < date.end; i++) used[i] = true;
  const exceptionTypes = takePhrases(words, used, EXCEPTION_TYPE_PHRASES);
  // "forecast drift", "negative on hand": words of an exception type are not also cues of an intent.
  const cueWords = words.map((word, i) => (used[i] && !(date && i >= date.start && i < date.end) ? "" : word));
  const deciderRoles = takePhrases(words, used, DECIDER_ROLE_PHRASES);
  const decisionKinds = takePhrases(words, used, DECISION_KIND_PHRASES);
  const matches = linkEntities(tokens, used, index, PROTECTED_WORDS);

  const entities: QuestionEntities = {
    ...noEntities(),
    exceptionTypes,
    deciderRole: deciderRoles[0] ?? null,
    decisionKind: decisionKinds[0] ?? null,
    period: date?.range ?? null,
  };
  for (const match of matches) {
    const field = entities[ENTITY_FIELD[match.kind]];
    for (const value of match.values) if (!field.includes(value)) field.push(value);
  }
  const { intent } = classifyIntent(cueWords, entities);
  return { text, intent, entities, matches };
}

/** A question that names nothing; fresh arrays each call, since parsing fills them in place. */
export function noEntities(): QuestionEntities {
  return { locations: [], regions: [], products: [], categories: [], suppliers: [], purchaseOrders: [], promotions: [], exceptionTypes: [], deciderRole: null, decisionKind: null, period: null };
}
