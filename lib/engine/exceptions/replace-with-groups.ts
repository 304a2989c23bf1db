import type { PlanException } from "./exception-types";

/**
 * Exceptions that share a key (undefined: never grouped), at `minMembers` or more, become the one
 * exception `build` makes of them; members `build` declines (undefined) stay as they were. Groups
 * come after the ungrouped exceptions, in the order their keys first appear.
 */
export function replaceWithGroups(
  exceptions: readonly PlanException[],
  keyOf: (exception: PlanException) => string | undefined,
  minMembers: number,
  build: (members: PlanException[]) => PlanException | undefined,
): PlanException[] {
  const candidates = new Map<string, PlanException[]>();
  for (const exception of exceptions) {
    const key = keyOf(exception);
    if (key !== undefined) candidates.set(key, [...(candidates.get(key) ?? []), exception]);
  }
  const grouped = new Set<PlanException>();
  const groups: PlanException[] = [];
  for (const members of candidates.values()) {
    if (members.length < minMembers) continue;
    const group = build(members);
    if (!group) continue;
    groups.push(group);
    for (const member of members) grouped.add(member);
  }
  return [...exceptions.filter((exception) => !grouped.has(exception)), ...groups];
}
