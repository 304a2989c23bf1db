import { planTransfers, type PlannedTransfer } from "../allocation/plan-transfers";
import type { IndexedPlanSnapshot } from "./index-plan-snapshot";
import type { AllocationStageResult } from "./allocate-dc-stock";
import { compareIds, seriesKey } from "./plan-keys";
import type { PlanOptions, SkuTransferPlan } from "./plan-types";
import { transferNetwork } from "./transfer-network";

export interface TransferStageResult {
  /** Transfer plans with at least one transfer, in SKU order. */
  transfers: SkuTransferPlan[];
  transfersIn: ReadonlyMap<string, PlannedTransfer[]>;
  transfersOut: ReadonlyMap<string, PlannedTransfer[]>;
}

/**
 * Stage 3b: one transfer LP per candidate SKU, most short units first; past the LP budget the
 * greedy answer is used and says so.
 */
export async function planNetworkTransfers(indexed: IndexedPlanSnapshot, allocated: AllocationStageResult, settings: PlanOptions): Promise<TransferStageResult> {
  const { locations, onHandBySeries, dcIds } = indexed;
  const transfers: SkuTransferPlan[] = [];
  const transferOrder = [...allocated.transferCandidates].sort((a, b) => b.shortUnits - a.shortUnits || compareIds(a.sku, b.sku));
  for (const [rank, candidate] of transferOrder.entries()) {
    const first = candidate.contexts[0]!;
    const { nodes, lanes } = transferNetwork(candidate.contexts, dcIds, (dcId) => onHandBySeries.get(seriesKey(dcId, candidate.sku)) ?? 0, locations, allocated.allocatedTo, settings);
    const plan = await planTransfers(
      { nodes, lanes, step: first.casePack, horizonDays: Math.ceil(first.reviewPeriodDays + settings.dcToStoreLeadTime.meanDays) + 7 },
      // Past the LP budget the solver is not called: a zero time limit makes HiGHS stop at once and
      // the greedy answer is returned with status "fallback" / "solver-timeout".
      {
        timeLimitSeconds: rank < settings.maxTransferProblems ? settings.transferTimeLimitSeconds : 0,
        maxSegmentsPerNode: settings.transferSegmentsPerNode,
      },
    );
    if (plan.transfers.length === 0) continue;
    transfers.push({
      sku: candidate.sku,
      status: plan.status,
      ...(plan.fallbackReason ? { fallbackReason: plan.fallbackReason } : {}),
      transfers: plan.transfers,
      totalGain: plan.totalGain,
    });
  }
  transfers.sort((a, b) => compareIds(a.sku, b.sku));
  const transfersIn = new Map<string, PlannedTransfer[]>();
  const transfersOut = new Map<string, PlannedTransfer[]>();
  for (const plan of transfers) {
    for (const transfer of plan.transfers) {
      const inKey = seriesKey(transfer.to, plan.sku);
      const outKey = seriesKey(transfer.from, plan.sku);
      transfersIn.set(inKey, [...(transfersIn.get(inKey) ?? []), transfer]);
      transfersOut.set(outKey, [...(transfersOut.get(outKey) ?? []), transfer]);
    }
  }
  return { transfers, transfersIn, transfersOut };
}
