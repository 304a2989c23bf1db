import { distance } from "fastest-levenshtein";

/** A word of the question, lower-cased and stripped of accents; `code` is set for words with digits. */
export interface Token {
  text: string;
  /** Comparable form of a code ("SKU0038", "sku-38", "S007" → "sku38", "s7"); null for plain words. */
  code: string | null;
}

/**
 * Codes compare without separators and without leading zeros in each run of digits, so "S7",
 * "s-007" and "S007" are the same store and "PO 1042" is not confused with "PO 10420".
 */
export function codeKey(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]/g, "")
    .replace(/\d+/g, (digits) => String(Number.parseInt(digits, 10)));
}

function fold(text: string): string {
  return text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/['’`]/g, "");
}

/**
 * Splits text into words. A chunk holding a digit is kept whole with its hyphens ("PO20261120-DC01-SUP03",
 * "SKU-0038"): it is a code; other hyphenated words split ("stock-outs" → "stock", "outs").
 */
export function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  for (const chunk of fold(text).split(/[^a-z0-9-]+/)) {
    const trimmed = chunk.replace(/^-+|-+$/g, "");
    if (!trimmed) continue;
    if (/\d/.test(trimmed)) tokens.push({ text: trimmed, code: codeKey(trimmed) });
    else for (const part of trimmed.split("-")) if (part) tokens.push({ text: part, code: null });
  }
  return tokens;
}

/** Words a name is made of, in the same form as the question's tokens. */
export function nameWords(name: string): string[] {
  return tokenize(name).map((t) => t.code ?? t.text);
}

/**
 * Edit distance a word may be off by and still count: none below four letters (too many short
 * words are one letter apart), one up to seven letters, two from eight.
 */
export function typoAllowance(word: string): number {
  if (word.length < 4) return 0;
  return word.length >= 8 ? 2 : 1;
}

/** True when swapping one pair of neighbouring letters turns one word into the other ("frist" → "first"). */
function isOneSwapApart(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let i = 0;
  while (i < a.length && a[i] === b[i]) i++;
  return i + 1 < a.length && a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

/**
 * Distance between a question word and a known word when within the allowance, else null. Both
 * words must be at least four letters to be compared loosely; codes never are (they compare by key).
 * Levenshtein distance, except that swapped neighbours — the commonest typing slip — count as one edit.
 */
export function looseDistance(word: string, known: string): number | null {
  if (word === known) return 0;
  if (word.length < 4) return null;
  const allowance = typoAllowance(known);
  if (allowance === 0 || Math.abs(word.length - known.length) > allowance) return null;
  const d = isOneSwapApart(word, known) ? 1 : distance(word, known);
  return d <= allowance ? d : null;
}
