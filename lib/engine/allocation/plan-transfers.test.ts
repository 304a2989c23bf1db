import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fitDemandDistribution } from "../policy/demand-distribution";
import { planTransfers, type TransferLane, type TransferNode } from "./plan-transfers";
import { stockValue } from "./stock-value";

const nodeArbitrary = (id: string) =>
  fc.record({
    mean: fc.double({ min: 0.2, max: 8, noNaN: true }),
    stock: fc.integer({ min: 0, max: 5 }),
    margin: fc.double({ min: 2, max: 20, noNaN: true }),
    leftover: fc.double({ min: 0, max: 6, noNaN: true }),
  }).map(
    (raw): TransferNode => ({
      id,
      stock: raw.stock,
      demand: fitDemandDistribution(raw.mean, raw.mean * 1.5),
      unitMargin: raw.margin,
      unitLeftoverCost: raw.leftover,
    }),
  );

function bruteForceGain(nodes: readonly TransferNode[], lanes: readonly TransferLane[]): number {
  const index = new Map(nodes.map((node, position) => [node.id, position]));
  let best = 0;
  const flows = new Array<number>(lanes.length).fill(0);
  const explore = (lane: number): void => {
    if (lane === lanes.length) {
      const stock = nodes.map((node) => node.stock);
      const shipped = nodes.map(() => 0);
      let cost = 0;
      lanes.forEach((candidate, position) => {
        const units = flows[position]!;
        stock[index.get(candidate.from)!]! -= units;
        stock[index.get(candidate.to)!]! += units;
        shipped[index.get(candidate.from)!]! += units;
        cost += units * candidate.unitCost;
      });
      if (shipped.some((units, position) => units > nodes[position]!.stock)) return;
      const gain = nodes.reduce((sum, node, position) => sum + stockValue(node, stock[position]!) - stockValue(node, node.stock), 0) - cost;
      best = Math.max(best, gain);
      return;
    }
    const source = nodes[index.get(lanes[lane]!.from)!]!;
    for (let units = 0; units <= source.stock; units += 1) {
      flows[lane] = units;
      explore(lane + 1);
    }
    flows[lane] = 0;
  };
  explore(0);
  return best;
}

describe("planTransfers", () => {
  it("LP optimum equals brute force over integer transfers on small networks", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(nodeArbitrary("DC"), nodeArbitrary("S1"), nodeArbitrary("S2")),
        fc.double({ min: 0, max: 3, noNaN: true }),
        async (nodes, unitCost) => {
          const lanes: TransferLane[] = [
            { from: "S1", to: "S2", unitCost, leadTimeDays: 0 },
            { from: "S2", to: "S1", unitCost, leadTimeDays: 0 },
            { from: "DC", to: "S1", unitCost: unitCost / 2, leadTimeDays: 0 },
            { from: "DC", to: "S2", unitCost: unitCost / 2, leadTimeDays: 0 },
            { from: "S1", to: "DC", unitCost, leadTimeDays: 0 },
          ];
          const plan = await planTransfers({ nodes, lanes, step: 1, horizonDays: 14 });
          expect(plan.status).toBe("optimal");
          expect(plan.totalGain).toBeCloseTo(bruteForceGain(nodes, lanes), 6);
        },
      ),
      { numRuns: 12, seed: 21 },
    );
  });

  it("moves stock from an overstocked store to one about to run out, unless the lane is too costly", async () => {
    const economics = { demand: fitDemandDistribution(10, 15), unitMargin: 12, unitLeftoverCost: 4 };
    const nodes: TransferNode[] = [
      { id: "S1", stock: 40, ...economics },
      { id: "S2", stock: 0, ...economics },
    ];
    const cheap = await planTransfers({ nodes, lanes: [{ from: "S1", to: "S2", unitCost: 1, leadTimeDays: 1 }], step: 1, horizonDays: 14 });
    expect(cheap.status).toBe("optimal");
    expect(cheap.transfers).toHaveLength(1);
    expect(cheap.transfers[0]).toMatchObject({ from: "S1", to: "S2" });
    expect(cheap.transfers[0]!.units).toBeGreaterThan(5);
    const costly = await planTransfers({ nodes, lanes: [{ from: "S1", to: "S2", unitCost: 20, leadTimeDays: 1 }], step: 1, horizonDays: 14 });
    expect(costly.transfers).toEqual([]);
    const tooSlow = await planTransfers({ nodes, lanes: [{ from: "S1", to: "S2", unitCost: 1, leadTimeDays: 14 }], step: 1, horizonDays: 14 });
    expect(tooSlow.status).toBe("no-lanes");
  });

  it("reports no-lanes when there is nothing to solve", async () => {
    const economics = { demand: fitDemandDistribution(1, 1), unitMargin: 1, unitLeftoverCost: 1 };
    const plan = await planTransfers({ nodes: [{ id: "S1", stock: 3, ...economics }], lanes: [], step: 1, horizonDays: 7 });
    expect(plan).toEqual({ status: "no-lanes", transfers: [], totalGain: 0 });
  });

  it("falls back to the greedy answer with an explicit status when the solver stops on its time limit", async () => {
    const economics = { demand: fitDemandDistribution(10, 15), unitMargin: 12, unitLeftoverCost: 4 };
    const nodes: TransferNode[] = [
      { id: "S1", stock: 40, ...economics },
      { id: "S2", stock: 0, ...economics },
    ];
    const lanes = [{ from: "S1", to: "S2", unitCost: 1, leadTimeDays: 0 }];
    const plan = await planTransfers({ nodes, lanes, step: 1, horizonDays: 14 }, { timeLimitSeconds: 0 });
    expect(plan.status).toBe("fallback");
    expect(plan.fallbackReason).toBe("solver-timeout");
    const optimal = await planTransfers({ nodes, lanes, step: 1, horizonDays: 14 });
    expect(plan.totalGain).toBeCloseTo(optimal.totalGain, 6);
  });
});
