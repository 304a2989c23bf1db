import type { EntityKind, EntityMatch } from "./copilot.types";
import { KIND_PRIORITY, type Alias, type EntityIndex } from "./entity-index";
import { codeKey, looseDistance, type Token } from "./tokenize";

interface Candidate {
  start: number;
  length: number;
  kind: EntityKind;
  value: string;
  distance: number;
  /** Named by its leading words only (several products may share them). */
  partial: boolean;
}

/** A purchase-order number as people type it: "PO" then digits or a hyphen ("PO20261120-DC01-SUP03", "po-1042"). */
const PURCHASE_ORDER_TEXT = /^po(\d|-)/;

/**
 * Links the question's unused words to catalog entities. Every span of words is compared with every
 * alias starting with a word close to its first word; then the best spans are taken greedily —
 * longer spans first, then whole names before leading words, then fewer typos — and a span that
 * names several entities equally well ("Urban jeans": every colour) keeps them all.
 */
export function linkEntities(tokens: readonly Token[], used: boolean[], index: EntityIndex, protectedWords: ReadonlySet<string>): EntityMatch[] {
  const looseMatches = tokens.map((token) => {
    const matches = new Map<string, number>();
    if (token.code !== null) return matches;
    const exactOnly = protectedWords.has(token.text);
    for (const word of index.vocabulary) {
      const d = exactOnly ? (word === token.text ? 0 : null) : looseDistance(token.text, word);
      if (d !== null) matches.set(word, d);
    }
    return matches;
  });
  const wordDistance = (i: number, aliasWord: string): number | null => {
    const token = tokens[i]!;
    if (token.code !== null) return token.code === aliasWord ? 0 : null;
    return looseMatches[i]!.get(aliasWord) ?? null;
  };

  const candidates: Candidate[] = [];
  const extend = (start: number, alias: Alias) => {
    let length = 0;
    let total = 0;
    while (length < alias.words.length && start + length < tokens.length && !used[start + length]) {
      const d = wordDistance(start + length, alias.words[length]!);
      if (d === null) break;
      total += d;
      length++;
    }
    if (length === alias.words.length || (length >= alias.minWords && length > 0)) {
      candidates.push({ start, length, kind: alias.kind, value: alias.value, distance: total, partial: length < alias.words.length });
    }
  };

  for (let i = 0; i < tokens.length; i++) {
    if (used[i]) continue;
    const token = tokens[i]!;
    if (token.code !== null) {
      for (const alias of index.byCode.get(token.code) ?? []) candidates.push({ start: i, length: 1, kind: alias.kind, value: alias.value, distance: 0, partial: false });
      if (PURCHASE_ORDER_TEXT.test(token.text)) candidates.push({ start: i, length: 1, kind: "purchaseOrder", value: token.text.toUpperCase(), distance: 0, partial: false });
    }
    const next = tokens[i + 1];
    if (token.code === null && next && !used[i + 1] && next.code !== null && /^\d+$/.test(next.text)) {
      // "sku 38", "store S 7": a code typed with a space inside.
      const joined = codeKey(token.text + next.text);
      for (const alias of index.byCode.get(joined) ?? []) candidates.push({ start: i, length: 2, kind: alias.kind, value: alias.value, distance: 0, partial: false });
      if (PURCHASE_ORDER_TEXT.test(joined)) candidates.push({ start: i, length: 2, kind: "purchaseOrder", value: `${token.text}${next.text}`.toUpperCase(), distance: 0, partial: false });
    }
    const firstWords = token.code !== null ? [token.code] : [...looseMatches[i]!.keys()];
    for (const word of firstWords) for (const alias of index.byFirstWord.get(word) ?? []) extend(i, alias);
  }

  const better = (a: Candidate, b: Candidate) =>
    b.length - a.length ||
    Number(a.partial) - Number(b.partial) ||
    a.distance - b.distance ||
    KIND_PRIORITY.indexOf(a.kind) - KIND_PRIORITY.indexOf(b.kind) ||
    a.start - b.start ||
    a.value.localeCompare(b.value);
  candidates.sort(better);

  const matches: (EntityMatch & { start: number })[] = [];
  for (const best of candidates) {
    if (used.slice(best.start, best.start + best.length).some(Boolean)) continue;
    const same = candidates.filter(
      (c) => c.start === best.start && c.length === best.length && c.kind === best.kind && c.distance === best.distance && c.partial === best.partial,
    );
    for (let k = best.start; k < best.start + best.length; k++) used[k] = true;
    matches.push({
      start: best.start,
      kind: best.kind,
      text: tokens.slice(best.start, best.start + best.length).map((t) => t.text).join(" "),
      values: [...new Set(same.map((c) => c.value))].sort(),
      distance: best.distance,
    });
  }
  return matches.sort((a, b) => a.start - b.start).map(({ start: _start, ...match }) => match);
}
