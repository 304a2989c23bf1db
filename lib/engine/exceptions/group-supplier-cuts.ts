import type { NetworkProduct } from "../plan/plan-types";
import { buildException } from "./build-exception";
import type { ActionLine, Driver, ExceptionOptions, PlanException, RecommendedAction, SubjectNames } from "./exception-types";
import { countNoun, makeDriver } from "./make-driver";
import { proposeAction } from "./propose-action";
import { groupScore, namedList, replaceWithGroups, sum } from "./exception-groups";

/** Lines named in a group's root cause before "and N more"; the action lists every line. */
const NAMED_LINES = 6;
/** A supplier's cuts at one node are one decision from this many SKUs on: one SKU's cut is its own question. */
const MIN_SKUS = 2;
/** The members' figures that add up across SKUs (a level or a cover of one SKU does not). */
const SUMMED_DRIVERS = ["inventory-position", "excess-units", "changeable-on-order", "carrying-cost"];

type Cut = RecommendedAction & { purchaseOrderId: string };

/**
 * One decision per supplier conversation: the cuts a node's excess asks of one supplier's open
 * orders are agreed with that supplier in one call, whichever of its POs the lines are on, not one
 * question per PO or per line. Excess whose first recommendation cuts or cancels an open line of a
 * supplier's PO at a node, in one product category (so whoever may see the category sees every
 * line: planners and buyers are scoped by category), at two or more SKUs becomes one exception whose
 * one action lists every line those SKUs' excess cuts on that supplier's POs (each SKU's cuts
 * together remove no more than its excess); its quantity, cost, benefit and money are the lines' sums.
 */
export function groupSupplierCuts(
  exceptions: readonly PlanException[],
  products: ReadonlyMap<string, Pick<NetworkProduct, "category">>,
  supplierOfOrder: ReadonlyMap<string, string>,
  options: ExceptionOptions,
  names: SubjectNames,
): PlanException[] {
  const keyOf = (exception: PlanException) => supplierCutKey(exception, products, supplierOfOrder);
  return replaceWithGroups(exceptions, keyOf, MIN_SKUS, (members) => {
    const [locationId, supplierId, category] = keyOf(members[0]!)!.split("|") as [string, string, string];
    return buildSupplierGroup(members, { locationId, supplierId, category }, supplierOfOrder, options, names);
  });
}

function isCut(action: RecommendedAction | undefined): action is Cut {
  return (action?.kind === "cut-po" || action?.kind === "cancel-po") && action.purchaseOrderId !== undefined;
}

/** `node|supplier|category` of one SKU's excess whose first recommendation cuts a supplier's PO line; undefined otherwise. */
function supplierCutKey(
  exception: PlanException,
  products: ReadonlyMap<string, Pick<NetworkProduct, "category">>,
  supplierOfOrder: ReadonlyMap<string, string>,
): string | undefined {
  const action = exception.actions[0];
  if (exception.type !== "excess-stock" || exception.group || exception.locationId === undefined || exception.sku === undefined || !isCut(action)) return undefined;
  const supplierId = supplierOfOrder.get(action.purchaseOrderId);
  if (supplierId === undefined) return undefined;
  return [exception.locationId, supplierId, products.get(exception.sku)?.category ?? ""].join("|");
}

const compareText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function buildSupplierGroup(
  unsorted: readonly PlanException[],
  where: { locationId: string; supplierId: string; category: string },
  supplierOfOrder: ReadonlyMap<string, string>,
  options: ExceptionOptions,
  names: SubjectNames,
): PlanException | undefined {
  const { locationId, supplierId, category } = where;
  // Largest money first, then SKU; each SKU's lines by PO: the order the lines are listed in, stable between runs.
  const members = [...unsorted].sort((a, b) => b.score.moneyAtRisk - a.score.moneyAtRisk || compareText(a.sku!, b.sku!));
  const memberCuts = members.map((member) =>
    member.actions
      .filter((action): action is Cut => isCut(action) && supplierOfOrder.get(action.purchaseOrderId) === supplierId)
      .sort((a, b) => compareText(a.purchaseOrderId, b.purchaseOrderId)),
  );
  const cuts = memberCuts.flat();
  const lines: ActionLine[] = members.flatMap((member, index) =>
    memberCuts[index]!.map((cut) => ({ locationId, sku: member.sku!, purchaseOrderId: cut.purchaseOrderId, quantity: cut.quantity })),
  );
  // Each SKU's yardstick once: its lines share its excess (or each is one of its open lines).
  const quantityBasis = sum(memberCuts, (ofMember) => Math.max(...ofMember.map((cut) => cut.quantityBasis)));
  const action = groupCut(cuts, lines, quantityBasis, locationId);
  if (!action) return undefined;

  const purchaseOrderIds = [...new Set(lines.map((line) => line.purchaseOrderId!))].sort(compareText);
  // Each line's PO only when they are on several: the "purchase-orders" driver names a single one.
  const lineList = lines.map((line) => `${names.product(line.sku!)} ${Math.round(line.quantity)}${purchaseOrderIds.length > 1 ? ` on ${line.purchaseOrderId}` : ""}`);
  return buildException(
    {
      type: "excess-stock",
      subject: { locationId, supplierId },
      ...groupScore(members),
      drivers: [
        makeDriver(
          "lines",
          `${countNoun(lines.length, "line")} of supplier ${names.supplier(supplierId)}'s open orders at ${names.location(locationId)} above the policy (units to cut: ${namedList(lineList, NAMED_LINES)})`,
          lines.length,
          "count",
          // Each line as PO and SKU: a line that joins later is a new question (materially-changed).
          lines.map((line) => `${line.purchaseOrderId}:${line.sku}`).sort(compareText).join(","),
        ),
        makeDriver("purchase-orders", `${countNoun(purchaseOrderIds.length, "PO")} (${namedList(purchaseOrderIds, NAMED_LINES)})`, purchaseOrderIds.length, "count", purchaseOrderIds.join(",")),
        makeDriver("skus", countNoun(members.length, "SKU"), members.length, "count"),
        ...summedDrivers(members),
      ],
      actions: [action],
      group: { kind: "supplier-orders", id: `${locationId}|${supplierId}|${category}`, supplierId, locationId, category, purchaseOrderIds, members },
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
 * One PO for every line is the action's PO; lines on several POs each name their own.
 */
function groupCut(cuts: readonly Cut[], lines: readonly ActionLine[], quantityBasis: number, destinationId: string): Omit<RecommendedAction, "rank" | "netBenefit"> | undefined {
  if (cuts.some((cut) => cut.pricing.model !== "capped-cover" || cut.pricing.benefitCap !== undefined || cut.quantity <= 0)) return undefined;
  const units = sum(cuts, (cut) => cut.quantity);
  const orders = new Set(cuts.map((cut) => cut.purchaseOrderId));
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
      { ...(orders.size === 1 ? { purchaseOrderId: cuts[0]!.purchaseOrderId } : {}), destinationId },
      quantityBasis,
    ),
    lines,
  };
}
