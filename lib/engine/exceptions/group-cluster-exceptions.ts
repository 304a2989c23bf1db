import { buildException } from "./build-exception";
import type { ActionKind, ActionLine, Driver, ExceptionOptions, ExceptionType, PlanException, RecommendedAction, SubjectNames } from "./exception-types";
import { countNoun, makeDriver } from "./make-driver";
import { proposeAction } from "./propose-action";
import { groupScore, namedList, replaceWithGroups, sum } from "./exception-groups";

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
 * The store decisions a cluster shares, by exception type: the action a store's exception must
 * recommend first to be decided with its cluster, and how the group's root cause reads.
 * - Overstock marked down at a cluster's stores is one buying or allocation mistake, marked down in one call.
 * - Stock-outs the stores' own DC fills with an extra order are one push from that DC, ordered in one call.
 */
const GROUPED: Partial<Record<ExceptionType, { action: ActionKind; condition: string; units: string }>> = {
  "excess-stock": { action: "markdown", condition: "over their cover", units: "units to mark down" },
  "projected-stockout": { action: "raise-order", condition: "short before their next delivery", units: "units to send" },
};

/**
 * One decision per SKU × cluster: a store exception whose recommendation is its cluster's shared
 * decision (see GROUPED), at `minClusterGroupStores` or more stores of one region, source DC and
 * planning cluster, becomes one exception listing the stores, with one action whose lines are the
 * stores' own and whose money is their sum; asking per store multiplies the queue by the cluster's
 * size. Fewer stores, other actions, DCs and direct-supplied nodes stay single-store exceptions.
 */
export function groupClusterExceptions(
  exceptions: readonly PlanException[],
  locations: ReadonlyMap<string, ClusterLocation>,
  options: ExceptionOptions,
  names: SubjectNames,
): PlanException[] {
  return replaceWithGroups(
    exceptions,
    (exception) => clusterKey(exception, locations),
    options.minClusterGroupStores,
    (members) => buildClusterGroup(members, locations, options, names),
  );
}

/** `type|region|sourceDc|cluster|sku` of a store's exception whose first recommendation is its cluster's shared decision; undefined otherwise. */
function clusterKey(exception: PlanException, locations: ReadonlyMap<string, ClusterLocation>): string | undefined {
  const shared = GROUPED[exception.type];
  if (!shared || exception.actions[0]?.kind !== shared.action) return undefined;
  const location = exception.locationId === undefined ? undefined : locations.get(exception.locationId);
  if (!location || location.type !== "store" || location.sourceDcId === undefined || exception.sku === undefined) return undefined;
  return [exception.type, location.region, location.sourceDcId, location.cluster, exception.sku].join("|");
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
  const shared = GROUPED[first.type]!;
  const location = locations.get(first.locationId!)!;
  const sku = first.sku!;
  // Each store's order is already its share of what the DC has left (shareDcUnitsLeft): together
  // they ask for no more than the DC holds.
  const lines: ActionLine[] = members.map((member) => ({ locationId: member.locationId!, quantity: member.actions[0]!.quantity }));
  const action = groupAction(members.map((member) => member.actions[0]!), lines);
  if (!action) return undefined;

  const storeList = lines.map((line) => `${names.location(line.locationId)} ${Math.round(line.quantity)}`);
  const shownStores = namedList(storeList, NAMED_STORES);
  const id = `${location.region}|${location.sourceDcId}|${location.cluster}`;
  return buildException(
    {
      type: first.type,
      subject: { sku },
      ...groupScore(members),
      drivers: [
        makeDriver(
          "stores",
          `${location.cluster} ${countNoun(members.length, "store")} of ${location.region} ${shared.condition} (${shared.units}: ${shownStores})`,
          members.length,
          "count",
          // The stores, by id: a store that joins later is a new question (materially-changed).
          members.map((member) => member.locationId!).sort().join(","),
        ),
        ...summedDrivers(members),
        ...dcDrivers(members),
      ],
      actions: [action],
      group: { kind: "cluster", id, region: location.region, cluster: location.cluster, sourceDcId: location.sourceDcId!, members },
    },
    options,
  );
}

/**
 * The members' unit and money drivers, summed, in the first member's order: the group's figures are
 * its stores' totals. Probabilities, days and ratios describe one store and do not add up.
 */
function summedDrivers(members: readonly PlanException[]): Driver[] {
  return members[0]!.drivers
    .filter((driver) => (driver.unit === "units" || driver.unit === "money") && !isDcDriver(driver))
    .map((driver) =>
      makeDriver(
        driver.key,
        driver.label,
        sum(members, (member) => member.drivers.find((candidate) => candidate.key === driver.key)?.value ?? 0),
        driver.unit,
      ),
    );
}

/** What a store's DC has left for it describes the DC, not the store: it does not add up across stores. */
function isDcDriver(driver: Driver): boolean {
  return driver.key.startsWith("dc-");
}

/**
 * The DC's drivers as the store with least at stake among those its DC could not fill read them
 * (members are sorted most at stake first): what the DC has left, offered to whom, and when its
 * next stock lands.
 */
function dcDrivers(members: readonly PlanException[]): Driver[] {
  const last = members.findLast((member) => member.drivers.some(isDcDriver));
  return last ? last.drivers.filter(isDcDriver) : [];
}

/**
 * The stores' actions as one: same SKU and kind, so the same price and cost per unit; its quantity,
 * coverable units and basis are the sums, so it prices (and re-prices) to the sum of the stores' figures.
 */
function groupAction(actions: readonly RecommendedAction[], lines: readonly ActionLine[]): Omit<RecommendedAction, "rank" | "netBenefit"> | undefined {
  const first = actions[0];
  const pricing = first?.pricing;
  if (!first || pricing?.model !== "capped-cover" || pricing.benefitCap !== undefined) return undefined;
  const coverableUnits = sum(actions, (action) => (action.pricing.model === "capped-cover" ? action.pricing.coverableUnits : action.quantity));
  return {
    ...proposeAction(
      first.kind,
      sum(lines, (line) => line.quantity),
      { ...pricing, coverableUnits },
      {},
      sum(actions, (action) => action.quantityBasis),
    ),
    lines,
  };
}
