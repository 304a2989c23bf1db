import type { DcAllocation, SeriesPlan } from "../plan/plan-types";
import type { DayNumber } from "../types";
import type { TwinWorld } from "./twin-world";

/** Reorder point and order-up-to level per series (NaN where the policy has none). */
export interface ReplenishmentLevels {
  reorderPoint: Float64Array;
  orderUpTo: Float64Array;
}

/** The plan's own levels for each series it planned. */
export function levelsFromPlan(world: TwinWorld, series: readonly SeriesPlan[]): ReplenishmentLevels {
  const count = world.twin.series.length;
  const levels = { reorderPoint: new Float64Array(count).fill(Number.NaN), orderUpTo: new Float64Array(count).fill(Number.NaN) };
  for (const plan of series) {
    const index = world.seriesIndex.get(plan.seriesId);
    if (index === undefined) continue;
    levels.reorderPoint[index] = plan.policy.reorderPoint;
    levels.orderUpTo[index] = plan.policy.orderUpToLevel;
  }
  return levels;
}

/** Ships what the plan allocated from each DC, as far as the DC really has it. */
export function shipAllocations(world: TwinWorld, allocations: readonly DcAllocation[], today: DayNumber): void {
  for (const allocation of allocations) {
    const dcIndex = world.indexOf(allocation.dcId, allocation.sku);
    if (dcIndex === undefined) continue;
    for (const line of allocation.allocations) {
      const storeIndex = world.indexOf(line.id, allocation.sku);
      if (storeIndex !== undefined) world.ship(dcIndex, storeIndex, line.units, today, "replenishment");
    }
  }
}

/**
 * Min-max replenishment with the given levels: a store whose recorded position (on hand + open
 * orders) is at or below its reorder point asks its DC for enough whole cases to reach the
 * order-up-to level; a short DC shares what it has in proportion to the requests. DCs and stores
 * without a DC order from the supplier in the same way.
 */
export function replenishStores(world: TwinWorld, levels: ReplenishmentLevels, today: DayNumber): void {
  const { twin } = world;
  const requests = new Map<number, { index: number; units: number }[]>();
  twin.series.forEach((entry, index) => {
    if (!entry.selling) return;
    const units = orderQuantity(world, levels, index);
    if (units <= 0) return;
    const dcIndex = world.sourceIndex[index]!;
    if (dcIndex < 0) {
      world.orderFromSupplier(index, units, today, `PO-${today}-${entry.locationId}`);
      return;
    }
    requests.set(dcIndex, [...(requests.get(dcIndex) ?? []), { index, units }]);
  });
  for (const [dcIndex, list] of requests) {
    const casePack = world.casePack[dcIndex]!;
    const wanted = list.reduce((sum, request) => sum + request.units, 0);
    const available = world.physical[dcIndex]!;
    if (wanted <= available) {
      for (const request of list) world.ship(dcIndex, request.index, request.units, today, "replenishment");
      continue;
    }
    // Scarce: whole cases in proportion to the requests, the remainders to the largest fractions.
    const cases = Math.floor(available / casePack);
    const shares = list.map((request) => (request.units / wanted) * cases);
    const granted = shares.map(Math.floor);
    let left = cases - granted.reduce((sum, value) => sum + value, 0);
    const byRemainder = shares.map((share, position) => ({ position, remainder: share - Math.floor(share) })).sort((a, b) => b.remainder - a.remainder || a.position - b.position);
    for (const { position } of byRemainder) {
      if (left <= 0) break;
      granted[position]! += 1;
      left -= 1;
    }
    list.forEach((request, position) => world.ship(dcIndex, request.index, Math.min(request.units, granted[position]! * casePack), today, "replenishment"));
  }
}

/** DCs order from their suppliers when their recorded position reaches the reorder point. */
export function replenishDcs(world: TwinWorld, levels: ReplenishmentLevels, today: DayNumber): void {
  world.twin.series.forEach((entry, index) => {
    if (entry.selling) return;
    const units = orderQuantity(world, levels, index);
    if (units > 0) world.orderFromSupplier(index, units, today, `PO-${today}-${entry.locationId}`);
  });
}

function orderQuantity(world: TwinWorld, levels: ReplenishmentLevels, index: number): number {
  const reorderPoint = levels.reorderPoint[index]!;
  const orderUpTo = levels.orderUpTo[index]!;
  if (!(orderUpTo > 0) || Number.isNaN(reorderPoint)) return 0;
  const position = world.recorded[index]! + world.inbound[index]!;
  if (position > reorderPoint) return 0;
  const casePack = world.casePack[index]!;
  return Math.ceil(Math.max(0, orderUpTo - position) / casePack) * casePack;
}
