import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitDemandDistribution } from "../policy/demand-distribution";
import { type AllocationCandidate, allocateScarceStock } from "./allocate-scarce-stock";
import { stockValue } from "./stock-value";

const candidateArbitrary = (id: string) =>
  fc.record({
    mean: fc.double({ min: 0.5, max: 12, noNaN: true }),
    dispersion: fc.double({ min: 1, max: 3, noNaN: true }),
    stock: fc.integer({ min: 0, max: 4 }),
    margin: fc.double({ min: 1, max: 20, noNaN: true }),
    leftover: fc.double({ min: 0, max: 5, noNaN: true }),
  }).map(
    (raw): AllocationCandidate => ({
      id,
      stock: raw.stock,
      maxUnits: 50,
      demand: fitDemandDistribution(raw.mean, raw.mean * raw.dispersion),
      unitMargin: raw.margin,
      unitLeftoverCost: raw.leftover,
    }),
  );

describe("allocateScarceStock", () => {
  it("greedy on marginal expected value equals brute force for one SKU", () => {
    fc.assert(
      fc.property(
        fc.tuple(candidateArbitrary("A"), candidateArbitrary("B"), candidateArbitrary("C")),
        fc.integer({ min: 1, max: 10 }),
        (candidates, supply) => {
          const result = allocateScarceStock({ supply, step: 1, candidates });
          const gain = (candidate: AllocationCandidate, units: number) =>
            stockValue(candidate, candidate.stock + units) - stockValue(candidate, candidate.stock);
          let best = 0;
          for (let a = 0; a <= supply; a += 1)
            for (let b = 0; a + b <= supply; b += 1)
              for (let c = 0; a + b + c <= supply; c += 1)
                best = Math.max(best, gain(candidates[0], a) + gain(candidates[1], b) + gain(candidates[2], c));
          expect(result.totalExpectedValueGain).toBeCloseTo(best, 8);
          expect(result.allocatedUnits).toBeLessThanOrEqual(supply);
        },
      ),
      { numRuns: 40, seed: 11 },
    );
  });

  it("never exceeds supply or a candidate's cap, and is invariant to candidate order", () => {
    fc.assert(
      fc.property(
        fc.tuple(candidateArbitrary("A"), candidateArbitrary("B"), candidateArbitrary("C"), candidateArbitrary("D")),
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 1, max: 6 }),
        (candidates, supply, step) => {
          const capped = candidates.map((candidate, index) => ({ ...candidate, maxUnits: 4 + index * 3 }));
          const forward = allocateScarceStock({ supply, step, candidates: capped });
          const reversed = allocateScarceStock({ supply, step, candidates: [...capped].reverse() });
          expect(reversed).toEqual(forward);
          expect(forward.allocatedUnits).toBeLessThanOrEqual(supply);
          for (const allocation of forward.allocations) {
            expect(allocation.units % step).toBe(0);
            expect(allocation.units).toBeLessThanOrEqual(capped.find((c) => c.id === allocation.id)!.maxUnits);
          }
        },
      ),
      { numRuns: 40, seed: 12 },
    );
  });

  it("keeps stock back when no store gains from another unit", () => {
    const result = allocateScarceStock({
      supply: 100,
      step: 1,
      candidates: [{ id: "S1", stock: 0, maxUnits: 100, demand: fitDemandDistribution(3, 3), unitMargin: 5, unitLeftoverCost: 5 }],
    });
    expect(result.allocatedUnits).toBeLessThan(10);
    expect(result.remainingUnits).toBe(100 - result.allocatedUnits);
  });
});
