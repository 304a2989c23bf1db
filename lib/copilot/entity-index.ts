import type { CopilotCatalog, EntityKind } from "./copilot.types";
import { codeKey, nameWords } from "./tokenize";

/** One way of naming an entity: its code, or the words of its name. */
export interface Alias {
  kind: EntityKind;
  value: string;
  words: readonly string[];
  /**
   * Fewest leading words that may name it on their own ("Urban jeans" for "Urban jeans black",
   * "Harbor" for "Harbor Trading"); equal to words.length when only the whole name counts.
   */
  minWords: number;
}

/** Aliases by code key and by first word, plus every word names use, for typo correction. */
export interface EntityIndex {
  byCode: Map<string, Alias[]>;
  byFirstWord: Map<string, Alias[]>;
  vocabulary: string[];
}

/** When two kinds name the same words equally well, the first kind listed wins. */
export const KIND_PRIORITY: readonly EntityKind[] = ["location", "product", "promotion", "supplier", "purchaseOrder", "region", "category"];

function push<K, V>(map: Map<K, V[]>, key: K, value: V) {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Builds the lookup structures once per catalog. Product names may be named by their first two
 * words (style and subcategory), suppliers by their first word; locations, regions, categories
 * and promotions by their whole name; codes exactly.
 */
export function buildEntityIndex(catalog: CopilotCatalog): EntityIndex {
  const index: EntityIndex = { byCode: new Map(), byFirstWord: new Map(), vocabulary: [] };
  const vocabulary = new Set<string>();
  const addName = (kind: EntityKind, value: string, name: string, minWords?: number) => {
    const words = nameWords(name);
    if (words.length === 0) return;
    push(index.byFirstWord, words[0]!, { kind, value, words, minWords: Math.min(minWords ?? words.length, words.length) });
    for (const word of words) if (!/\d/.test(word)) vocabulary.add(word);
  };
  const addCode = (kind: EntityKind, value: string) => {
    if (/\d/.test(value)) push(index.byCode, codeKey(value), { kind, value, words: [codeKey(value)], minWords: 1 });
    else addName(kind, value, value);
  };

  for (const l of catalog.locations) {
    addCode("location", l.code);
    addName("location", l.code, l.name);
  }
  for (const p of catalog.products) {
    addCode("product", p.sku);
    addName("product", p.sku, p.name, 2);
  }
  for (const s of catalog.suppliers) {
    addCode("supplier", s.code);
    addName("supplier", s.code, s.name, 1);
  }
  for (const p of catalog.promotions) {
    addCode("promotion", p.code);
    addName("promotion", p.code, p.name);
  }
  for (const r of catalog.regions) addName("region", r, r);
  for (const c of catalog.categories) addName("category", c, c);
  index.vocabulary = [...vocabulary].sort();
  return index;
}
