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

/**
 * A group's score inputs from its members': money the sum, impact the soonest, confidence weighted
 * by money (the group is as trustworthy as the members that carry its money).
 */
export function groupScore(members: readonly PlanException[]): { moneyAtRisk: number; daysUntilImpact: number; confidence: number } {
  const moneyAtRisk = sum(members, (member) => member.score.moneyAtRisk);
  return {
    moneyAtRisk,
    daysUntilImpact: Math.min(...members.map((member) => member.score.daysUntilImpact)),
    confidence: moneyAtRisk > 0 ? sum(members, (member) => member.score.confidence * member.score.moneyAtRisk) / moneyAtRisk : members[0]!.score.confidence,
  };
}

/** The first `named` entries, then "and N more": a root cause names a few members; the action lists them all. */
export function namedList(entries: readonly string[], named: number): string {
  return entries.length > named ? `${entries.slice(0, named).join(", ")} and ${entries.length - named} more` : entries.join(", ");
}

export function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}
