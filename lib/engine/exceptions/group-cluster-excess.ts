import { buildException } from "./build-exception";
import type { ActionLine, ExceptionOptions, PlanException, RecommendedAction, SubjectNames } from "./exception-types";
import { countNoun, makeDriver } from "./make-driver";
import { proposeAction } from "./propose-action";

/** What grouping reads of a location (the plan's NetworkLocation). */
export interface ClusterLocation {
  type: "dc" | "store" | "ecommerce";
  region: string;
  cluster: string;
  sourceDcId?: string;
}

/** Stores named in a group's root cause before "and N more"; the action lists every store. */
const NAMED_STORES = 6;

/**
 * One decision per SKU × cluster: excess whose recommendation is a markdown, at
 * `minClusterGroupStores` or more stores of one region, source DC and planning cluster, becomes one
 * exception listing the stores, with one markdown whose lines are the stores' own markdowns and
 * whose money is their sum. Overstock of a whole cluster is one buying or allocation mistake, and a
 * planner marks it down in one call; asking per store multiplies the queue by the cluster's size.
 * Fewer stores, other actions, DCs and direct-supplied nodes stay single-store exceptions.
 */
export function groupClusterExcess(
  exceptions: readonly PlanException[],
  locations: ReadonlyMap<string, ClusterLocation>,
  options: ExceptionOptions,
  names: SubjectNames,
): PlanException[] {
  const candidates = new Map<string, PlanException[]>();
  for (const exception of exceptions) {
    const key = clusterKey(exception, locations);
    if (key !== undefined) candidates.set(key, [...(candidates.get(key) ?? []), exception]);
  }
  const grouped = new Set<PlanException>();
  const groups: PlanException[] = [];
  for (const members of [...candidates.values()]) {
    if (members.length < options.minClusterGroupStores) continue;
    const group = buildClusterGroup(members, locations, options, names);
    if (!group) continue;
    groups.push(group);
    for (const member of members) grouped.add(member);
  }
  return [...exceptions.filter((exception) => !grouped.has(exception)), ...groups];
}

/** `region|sourceDc|cluster|sku` of a store's excess whose first recommendation is a markdown; undefined otherwise. */
function clusterKey(exception: PlanException, locations: ReadonlyMap<string, ClusterLocation>): string | undefined {
  if (exception.type !== "excess-stock" || exception.actions[0]?.kind !== "markdown") return undefined;
  const location = exception.locationId === undefined ? undefined : locations.get(exception.locationId);
  if (!location || location.type !== "store" || location.sourceDcId === undefined || exception.sku === undefined) return undefined;
  return [location.region, location.sourceDcId, location.cluster, exception.sku].join("|");
}

function buildClusterGroup(
  unsorted: readonly PlanException[],
  locations: ReadonlyMap<string, ClusterLocation>,
  options: ExceptionOptions,
  names: SubjectNames,
): PlanException | undefined {
  // Largest money first, then store id: the order the stores are listed in, stable between runs.
  const members = [...unsorted].sort((a, b) => b.score.moneyAtRisk - a.score.moneyAtRisk || (a.locationId! < b.locationId! ? -1 : 1));
  const first = members[0]!;
  const location = locations.get(first.locationId!)!;
  const sku = first.sku!;
  const markdowns = members.map((member) => ({ member, markdown: member.actions[0]! }));
  const lines: ActionLine[] = markdowns.map(({ member, markdown }) => ({ locationId: member.locationId!, quantity: markdown.quantity }));
  const action = groupMarkdown(markdowns.map(({ markdown }) => markdown), lines);
  if (!action) return undefined;

  const moneyAtRisk = sum(members, (member) => member.score.moneyAtRisk);
  const driverSum = (key: string) => sum(members, (member) => member.drivers.find((driver) => driver.key === key)?.value ?? 0);
  const storeList = lines.map((line) => `${names.location(line.locationId)} ${Math.round(line.quantity)}`);
  const shownStores = storeList.length > NAMED_STORES ? `${storeList.slice(0, NAMED_STORES).join(", ")} and ${storeList.length - NAMED_STORES} more` : storeList.join(", ");
  const id = `${location.region}|${location.sourceDcId}|${location.cluster}`;
  return buildException(
    {
      type: "excess-stock",
      subject: { sku },
      moneyAtRisk,
      daysUntilImpact: Math.min(...members.map((member) => member.score.daysUntilImpact)),
      // Weighted by money: the group is as trustworthy as the stores that carry its money.
      confidence: moneyAtRisk > 0 ? sum(members, (member) => member.score.confidence * member.score.moneyAtRisk) / moneyAtRisk : first.score.confidence,
      drivers: [
        makeDriver("stores", `${location.cluster} ${countNoun(members.length, "store")} of ${location.region} over their cover (units to mark down: ${shownStores})`, members.length, "count", id),
        makeDriver("inventory-position", "on hand plus on order", driverSum("inventory-position"), "units"),
        makeDriver("weekly-demand", "forecast weekly demand", driverSum("weekly-demand"), "units"),
        makeDriver("excess-units", "excess", driverSum("excess-units"), "units"),
        makeDriver("leftover-units", `left unsold after ${options.seasonDays} days`, driverSum("leftover-units"), "units"),
        makeDriver("carrying-cost", "cost of holding it to the season end", moneyAtRisk, "money"),
      ],
      actions: [action],
      group: { id, region: location.region, cluster: location.cluster, sourceDcId: location.sourceDcId!, members },
    },
    options,
  );
}

/**
 * The stores' markdowns as one action: same SKU, so the same price, depth and recovery per unit;
 * its quantity, coverable units and basis are the sums, so it prices (and re-prices) to the sum of
 * the stores' figures.
 */
function groupMarkdown(markdowns: readonly RecommendedAction[], lines: readonly ActionLine[]): Omit<RecommendedAction, "rank" | "netBenefit"> | undefined {
  const pricing = markdowns[0]?.pricing;
  if (pricing?.model !== "capped-cover") return undefined;
  const coverableUnits = sum(markdowns, (markdown) => (markdown.pricing.model === "capped-cover" ? markdown.pricing.coverableUnits : markdown.quantity));
  return {
    ...proposeAction(
      "markdown",
      sum(lines, (line) => line.quantity),
      { ...pricing, coverableUnits },
      {},
      sum(markdowns, (markdown) => markdown.quantityBasis),
    ),
    lines,
  };
}

function sum<T>(items: readonly T[], value: (item: T) => number): number {
  return items.reduce((total, item) => total + value(item), 0);
}
