import type { NetworkProduct } from "../plan/plan-types";
import { buildException } from "./build-exception";
import type { ActionLine, Driver, ExceptionOptions, PlanException, RecommendedAction, SubjectNames } from "./exception-types";
import { countNoun, makeDriver } from "./make-driver";
import { proposeAction } from "./propose-action";
import { groupScore, namedList, replaceWithGroups, sum } from "./exception-groups";

/** SKUs named in a group's root cause before "and N more"; the action lists every line. */
const NAMED_LINES = 6;
/** A PO's cuts at one node are one decision from this many lines on: one line is its own SKU's question. */
const MIN_LINES = 2;
/** The members' figures that add up across SKUs (a level or a cover of one SKU does not). */
const SUMMED_DRIVERS = ["inventory-position", "excess-units", "changeable-on-order", "carrying-cost"];

/**
 * One decision per purchase order: the cuts a node's excess asks of one open PO are one change the
 * buyer agrees with the supplier in one call, not one question per line. Excess whose first
 * recommendation cuts or cancels a line of the same PO at the same node, in one product category
 * (so whoever may see the category sees every line), at two or more SKUs becomes one exception
 * whose one action lists the lines; its quantity, cost, benefit and money are the lines' sums.
 */
export function groupPurchaseOrderCuts(
  exceptions: readonly PlanException[],
  products: ReadonlyMap<string, Pick<NetworkProduct, "category">>,
  options: ExceptionOptions,
  names: SubjectNames,
): PlanException[] {
  return replaceWithGroups(
    exceptions,
    (exception) => purchaseOrderKey(exception, products),
    MIN_LINES,
    (members) => buildPurchaseOrderGroup(members, products.get(members[0]!.sku!)?.category ?? "", options, names),
  );
}

function isCut(action: RecommendedAction | undefined): action is RecommendedAction & { purchaseOrderId: string } {
  return (action?.kind === "cut-po" || action?.kind === "cancel-po") && action.purchaseOrderId !== undefined;
}

/** `node|PO|category` of one SKU's excess whose first recommendation cuts a PO line; undefined otherwise. */
function purchaseOrderKey(exception: PlanException, products: ReadonlyMap<string, Pick<NetworkProduct, "category">>): string | undefined {
  const action = exception.actions[0];
  if (exception.type !== "excess-stock" || exception.group || exception.locationId === undefined || exception.sku === undefined || !isCut(action)) return undefined;
  return [exception.locationId, action.purchaseOrderId, products.get(exception.sku)?.category ?? ""].join("|");
}

function buildPurchaseOrderGroup(unsorted: readonly PlanException[], category: string, options: ExceptionOptions, names: SubjectNames): PlanException | undefined {
  // Largest money first, then SKU: the order the lines are listed in, stable between runs.
  const members = [...unsorted].sort((a, b) => b.score.moneyAtRisk - a.score.moneyAtRisk || (a.sku! < b.sku! ? -1 : 1));
  const first = members[0]!;
  const cuts = members.map((member) => member.actions[0]!);
  const purchaseOrderId = cuts[0]!.purchaseOrderId!;
  const locationId = first.locationId!;
  const lines: ActionLine[] = members.map((member, index) => ({ locationId, sku: member.sku!, quantity: cuts[index]!.quantity }));
  const action = groupCut(cuts, lines, purchaseOrderId, locationId);
  if (!action) return undefined;

  const lineList = lines.map((line) => `${names.product(line.sku!)} ${Math.round(line.quantity)}`);
  const shownLines = namedList(lineList, NAMED_LINES);
  const id = `${locationId}|${category}`;
  return buildException(
    {
      type: "excess-stock",
      subject: { locationId, purchaseOrderId },
      ...groupScore(members),
      drivers: [
        makeDriver(
          "lines",
          `${countNoun(members.length, "line")} of ${purchaseOrderId} at ${names.location(locationId)} above the policy (units to cut: ${shownLines})`,
          members.length,
          "count",
          // The SKUs: a line that joins later is a new question (materially-changed).
          lines.map((line) => line.sku!).sort().join(","),
        ),
        ...summedDrivers(members),
      ],
      actions: [action],
      group: { kind: "purchase-order", id, purchaseOrderId, locationId, category, members },
    },
    options,
  );
}

function summedDrivers(members: readonly PlanException[]): Driver[] {
  return SUMMED_DRIVERS.flatMap((key) => {
    const found = members[0]!.drivers.find((driver) => driver.key === key);
    if (!found) return [];
    // Units of different SKUs add up only as a total across them; say so.
    const label = found.unit === "units" ? `${found.label}, the ${members.length} SKUs together` : found.label;
    return [makeDriver(key, label, sum(members, (member) => member.drivers.find((driver) => driver.key === key)?.value ?? 0), found.unit)];
  });
}

/**
 * The lines' cuts as one: SKUs differ in cost and benefit per unit, so the group's unit figures are
 * the lines' averages weighted by units. It prices to the sum of the lines' figures at the proposed
 * quantity and at any quantity split across the lines pro rata, which is how a modified total is split.
 */
function groupCut(
  cuts: readonly RecommendedAction[],
  lines: readonly ActionLine[],
  purchaseOrderId: string,
  destinationId: string,
): Omit<RecommendedAction, "rank" | "netBenefit"> | undefined {
  if (cuts.some((cut) => cut.pricing.model !== "capped-cover" || cut.pricing.benefitCap !== undefined || cut.quantity <= 0)) return undefined;
  const units = sum(cuts, (cut) => cut.quantity);
  return {
    ...proposeAction(
      cuts.every((cut) => cut.kind === "cancel-po") ? "cancel-po" : "cut-po",
      units,
      {
        model: "capped-cover",
        unitActionCost: sum(cuts, (cut) => cut.cost) / units,
        unitBenefit: sum(cuts, (cut) => cut.expectedBenefit) / units,
        coverableUnits: units,
        unitGovernanceValue: sum(cuts, (cut) => cut.governanceValue) / units,
      },
      { purchaseOrderId, destinationId },
      sum(cuts, (cut) => cut.quantityBasis),
    ),
    lines,
  };
}
