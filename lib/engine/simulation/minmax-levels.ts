import normalQuantile from "@stdlib/stats-base-dists-normal-quantile";
import { summarizeSupplierLeadTimes } from "../policy/summarize-supplier-lead-times";
import type { ReplenishmentLevels } from "./replenish";
import type { TwinWorld } from "./twin-world";

export interface MinMaxOptions {
  /** Weeks of recorded sales before the first simulated day the levels are set from. */
  weeks: number;
  /** Cycle service target, the plan's own. */
  serviceLevel: number;
  reviewPeriodDays: number;
  dcToStoreLeadTimeDays: number;
}

/**
 * The static comparator: per series, once, from the last `weeks` of recorded sales — reorder point
 * = mean demand over the lead time + z·σ·√lead time, order-up-to = reorder point + one review
 * period's mean demand. A DC's demand is the sum of its stores' (variances add); its lead time is
 * the supplier's observed mean, as the plan would estimate it on the first day.
 */
export function computeMinMaxLevels(world: TwinWorld, options: MinMaxOptions): ReplenishmentLevels {
  const { twin } = world;
  const count = twin.series.length;
  const z = normalQuantile(options.serviceLevel, 0, 1);
  const end = twin.startDay - twin.history.firstDay;
  const start = Math.max(0, end - options.weeks * 7);
  const mean = new Float64Array(count);
  const variance = new Float64Array(count);
  twin.series.forEach((entry, index) => {
    if (!entry.selling) return;
    const units = world.sales[index]!.subarray(start, end);
    const average = units.reduce((sum, value) => sum + value, 0) / Math.max(1, units.length);
    mean[index] = average;
    variance[index] = units.reduce((sum, value) => sum + (value - average) ** 2, 0) / Math.max(1, units.length - 1);
    const dcIndex = world.sourceIndex[index]!;
    if (dcIndex >= 0) {
      mean[dcIndex]! += average;
      variance[dcIndex]! += variance[index]!;
    }
  });
  const supplierOfSku = new Map(twin.products.map((product) => [product.sku, product.supplierId]));
  const supplierLeadTime = new Map(
    twin.suppliers.map((supplier) => [supplier.id, summarizeSupplierLeadTimes(supplier.promisedLeadTimeDays, supplier.leadTimeHistory, twin.startDay - 1).meanDays]),
  );
  const reorderPoint = new Float64Array(count);
  const orderUpTo = new Float64Array(count);
  twin.series.forEach((entry, index) => {
    const leadTime =
      world.sourceIndex[index]! >= 0 ? options.dcToStoreLeadTimeDays : (supplierLeadTime.get(supplierOfSku.get(entry.sku) ?? "") ?? options.dcToStoreLeadTimeDays);
    const level = mean[index]! * leadTime + z * Math.sqrt(variance[index]! * leadTime);
    reorderPoint[index] = Math.ceil(level);
    orderUpTo[index] = mean[index]! > 0 ? Math.ceil(level + mean[index]! * options.reviewPeriodDays) : 0;
  });
  return { reorderPoint, orderUpTo };
}
