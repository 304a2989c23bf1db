/** One changed leaf between an audit record's before and after. */
export interface AuditDiffRow {
  path: string;
  before: unknown;
  after: unknown;
  change: "added" | "removed" | "changed" | "same";
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

function flatten(value: unknown, prefix: string, out: Map<string, unknown>): void {
  if (isPlainObject(value) && Object.keys(value).length > 0) {
    for (const [key, child] of Object.entries(value)) flatten(child, prefix ? `${prefix}.${key}` : key, out);
    return;
  }
  // Arrays are compared whole: element-wise paths ("scopes.3") read worse than the two lists.
  out.set(prefix || "(value)", value);
}

/**
 * A value in a form where order carries no meaning: object keys sorted, and lists sorted, since
 * every list an audit record holds (scopes, action types, categories, field lists) is a set.
 */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical).sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));
  if (isPlainObject(value)) return Object.fromEntries(Object.keys(value).sort().map((key) => [key, canonical(value[key])]));
  return value;
}

/** Equal up to order: a reordered list of values, or the same fields in another order, is not a change. */
const same = (a: unknown, b: unknown) => JSON.stringify(canonical(a)) === JSON.stringify(canonical(b));

/**
 * Before → after as rows of changed (and, with `includeSame`, unchanged) leaf paths, sorted by
 * path. Either side may be null (a creation has no before, a removal no after).
 */
export function diffAuditRecord(before: unknown, after: unknown, includeSame = false): AuditDiffRow[] {
  const a = new Map<string, unknown>();
  const b = new Map<string, unknown>();
  if (before !== null && before !== undefined) flatten(before, "", a);
  if (after !== null && after !== undefined) flatten(after, "", b);
  const paths = [...new Set([...a.keys(), ...b.keys()])].sort();
  const rows = paths.map((path): AuditDiffRow => {
    const inBefore = a.has(path);
    const inAfter = b.has(path);
    const change = !inBefore ? "added" : !inAfter ? "removed" : same(a.get(path), b.get(path)) ? "same" : "changed";
    return { path, before: a.get(path), after: b.get(path), change };
  });
  return includeSame ? rows : rows.filter((r) => r.change !== "same");
}
