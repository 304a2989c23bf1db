import { type StockEconomics, stockValue } from "./stock-value";

export interface AllocationCandidate extends StockEconomics {
  id: string;
  /** Units the candidate already holds or has inbound. */
  stock: number;
  /** Upper bound on units to send, e.g. up to the order-up-to level. */
  maxUnits: number;
}

export interface ScarceStockInput {
  supply: number;
  /** Allocation granularity, e.g. the case pack. */
  step: number;
  candidates: readonly AllocationCandidate[];
}

export interface CandidateAllocation {
  id: string;
  units: number;
  /** Value gained by the allocation at this candidate: stockValue(stock + units) − stockValue(stock). */
  expectedValueGain: number;
}

export interface ScarceStockAllocation {
  status: "ok" | "no-supply" | "no-candidates";
  allocations: CandidateAllocation[];
  allocatedUnits: number;
  remainingUnits: number;
  totalExpectedValueGain: number;
}

/**
 * Allocates supply one step at a time to the candidate whose next step adds the most expected
 * value (margin × extra expected sales − leftover cost). Because stockValue is concave, this
 * greedy is optimal for one SKU. It stops when no step adds value. Ties break on id, so the
 * result does not depend on the order of candidates.
 */
export function allocateScarceStock(input: ScarceStockInput): ScarceStockAllocation {
  const step = Math.max(1, Math.round(input.step));
  const candidates = [...input.candidates].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  if (candidates.length === 0) return emptyAllocation("no-candidates", input.supply);
  if (input.supply < step) return emptyAllocation("no-supply", input.supply);

  const allocated = new Float64Array(candidates.length);
  const nextGain = (index: number): number => {
    const candidate = candidates[index];
    if (!candidate || allocated[index]! + step > candidate.maxUnits) return Number.NEGATIVE_INFINITY;
    const level = candidate.stock + allocated[index]!;
    return stockValue(candidate, level + step) - stockValue(candidate, level);
  };
  const heap = new GainHeap();
  candidates.forEach((_, index) => heap.push(index, nextGain(index)));

  let remaining = input.supply;
  while (remaining >= step) {
    const best = heap.pop();
    if (!best || !(best.gain > 0)) break;
    allocated[best.index] = allocated[best.index]! + step;
    remaining -= step;
    heap.push(best.index, nextGain(best.index));
  }

  const allocations = candidates.map((candidate, index) => ({
    id: candidate.id,
    units: allocated[index]!,
    expectedValueGain: stockValue(candidate, candidate.stock + allocated[index]!) - stockValue(candidate, candidate.stock),
  }));
  return {
    status: "ok",
    allocations,
    allocatedUnits: input.supply - remaining,
    remainingUnits: remaining,
    totalExpectedValueGain: allocations.reduce((sum, allocation) => sum + allocation.expectedValueGain, 0),
  };
}

function emptyAllocation(status: "no-supply" | "no-candidates", supply: number): ScarceStockAllocation {
  return { status, allocations: [], allocatedUnits: 0, remainingUnits: supply, totalExpectedValueGain: 0 };
}

/** Max-heap on gain; equal gains pop the lower index (lower id) first. */
class GainHeap {
  private readonly entries: { index: number; gain: number }[] = [];

  push(index: number, gain: number): void {
    this.entries.push({ index, gain });
    let child = this.entries.length - 1;
    while (child > 0) {
      const parent = (child - 1) >> 1;
      if (!this.before(child, parent)) break;
      this.swap(child, parent);
      child = parent;
    }
  }

  pop(): { index: number; gain: number } | undefined {
    const top = this.entries[0];
    const last = this.entries.pop();
    if (!top || !last || this.entries.length === 0) return top;
    this.entries[0] = last;
    let parent = 0;
    for (;;) {
      const left = 2 * parent + 1;
      const right = left + 1;
      let first = parent;
      if (left < this.entries.length && this.before(left, first)) first = left;
      if (right < this.entries.length && this.before(right, first)) first = right;
      if (first === parent) return top;
      this.swap(parent, first);
      parent = first;
    }
  }

  private before(a: number, b: number): boolean {
    const entryA = this.entries[a]!;
    const entryB = this.entries[b]!;
    return entryA.gain > entryB.gain || (entryA.gain === entryB.gain && entryA.index < entryB.index);
  }

  private swap(a: number, b: number): void {
    const entry = this.entries[a]!;
    this.entries[a] = this.entries[b]!;
    this.entries[b] = entry;
  }
}
