import type { Highs } from "highs";
import { loadHighsSolver } from "./load-highs-solver";
import { type StockHolding, stockValue } from "./stock-value";
import { transferValueChange } from "./transfer-value-change";

export interface TransferNode extends StockHolding {
  id: string;
}

export interface TransferLane {
  from: string;
  to: string;
  /**
   * Cost per unit moved: handling, freight and in-transit holding. Lead time enters here and
   * through the caller's node economics (destination demand counted from the arrival day).
   */
  unitCost: number;
  leadTimeDays: number;
}

export interface TransferProblem {
  nodes: readonly TransferNode[];
  lanes: readonly TransferLane[];
  /** Transfer granularity (case pack). */
  step: number;
  /** Days the node values cover; lanes at least this slow cannot help and are left out. */
  horizonDays: number;
}

export interface TransferOptions {
  timeLimitSeconds: number;
  /** Piecewise-linear segments per node value curve; more is more exact and slower. */
  maxSegmentsPerNode: number;
  /** A plan gaining less than this in total is not worth the disruption and is dropped. */
  minPlanGain: number;
}

export const defaultTransferOptions: TransferOptions = { timeLimitSeconds: 2, maxSegmentsPerNode: 40, minPlanGain: 0 };

export interface PlannedTransfer {
  from: string;
  to: string;
  units: number;
  transferCost: number;
  leadTimeDays: number;
  /** Value gained at the destination minus value lost at the source minus transfer cost, if made alone. */
  standaloneGain: number;
  /** What the transfer was valued on, so a changed quantity can be valued the same way. */
  laneUnitCost: number;
  source: StockHolding;
  destination: StockHolding;
}

export type TransferFallbackReason = "solver-unavailable" | "solver-error" | "solver-timeout" | "solver-infeasible";

export interface TransferPlan {
  status: "optimal" | "fallback" | "no-lanes";
  fallbackReason?: TransferFallbackReason;
  /** HiGHS model status name when the solver ran. */
  solverStatus?: string;
  transfers: PlannedTransfer[];
  /** Σ node value after − before − transfer cost, for the rounded transfers. */
  totalGain: number;
}

/**
 * Rebalances one SKU across a network with a linear program: maximise Σ node value of final stock
 * (concave, as decreasing-slope segments) − Σ lane cost × units, units conserved, no node shipping
 * more than it holds. The constraint matrix is a network matrix and segment breakpoints are whole
 * steps, so the LP optimum is integral. Any solver failure or timeout falls back to a greedy
 * best-move search.
 */
export async function planTransfers(
  problem: TransferProblem,
  options: Partial<TransferOptions> = {},
): Promise<TransferPlan> {
  const settings = { ...defaultTransferOptions, ...options };
  const nodes = [...problem.nodes].sort((a, b) => compareIds(a.id, b.id));
  const nodeIndex = new Map(nodes.map((node, index) => [node.id, index]));
  const lanes = [...problem.lanes]
    .filter((lane) => nodeIndex.has(lane.from) && nodeIndex.has(lane.to) && lane.from !== lane.to)
    .filter((lane) => lane.leadTimeDays < problem.horizonDays)
    .sort((a, b) => compareIds(a.from, b.from) || compareIds(a.to, b.to));
  if (lanes.length === 0 || nodes.length < 2) return { status: "no-lanes", transfers: [], totalGain: 0 };
  const network: IndexedNetwork = {
    nodes,
    lanes: lanes.map((lane) => ({
      ...lane,
      fromIndex: nodeIndex.get(lane.from)!,
      toIndex: nodeIndex.get(lane.to)!,
    })),
    step: Math.max(1, Math.round(problem.step)),
  };

  const loaded = await loadHighsSolver();
  if (loaded.status !== "ready") return fallback(network, settings, "solver-unavailable");
  const solved = solveTransferLp(loaded.highs, network, settings);
  if (solved.status !== "optimal") return fallback(network, settings, solved.reason, solved.solverStatus);
  return {
    status: "optimal",
    solverStatus: solved.solverStatus,
    ...roundedPlan(network, solved.laneUnits, settings),
  };
}

interface IndexedLane extends TransferLane {
  fromIndex: number;
  toIndex: number;
}

interface IndexedNetwork {
  nodes: TransferNode[];
  lanes: IndexedLane[];
  step: number;
}

type LpOutcome =
  | { status: "optimal"; laneUnits: Float64Array; solverStatus: string }
  | { status: "failed"; reason: TransferFallbackReason; solverStatus?: string };

const modelStatusNames: Record<number, string> = {
  7: "Optimal",
  8: "Infeasible",
  9: "Primal infeasible or unbounded",
  10: "Unbounded",
  13: "Time limit reached",
  14: "Iteration limit reached",
};

function solveTransferLp(highs: Highs, network: IndexedNetwork, settings: TransferOptions): LpOutcome {
  const { nodes, lanes } = network;
  const laneCount = lanes.length;
  // Columns: one per lane, then each node's value segments. Rows: per node a stock balance
  // (equality) and a shipping limit (outflow ≤ stock).
  const colCost: number[] = [];
  const colUpper: number[] = [];
  const columns: { rows: number[]; values: number[] }[] = [];
  const balanceRow = (node: number) => 2 * node;
  const shippingRow = (node: number) => 2 * node + 1;
  for (const lane of lanes) {
    colCost.push(-lane.unitCost);
    colUpper.push(nodes[lane.fromIndex]!.stock);
    columns.push({
      rows: [balanceRow(lane.fromIndex), balanceRow(lane.toIndex), shippingRow(lane.fromIndex)],
      values: [1, -1, 1],
    });
  }
  nodes.forEach((node, index) => {
    const inbound = lanes.reduce((sum, lane) => (lane.toIndex === index ? sum + nodes[lane.fromIndex]!.stock : sum), 0);
    const maximumStock = node.stock + inbound;
    const width = network.step * Math.max(1, Math.ceil(maximumStock / (network.step * settings.maxSegmentsPerNode)));
    let previousValue = 0;
    for (let start = 0; start < maximumStock; start += width) {
      const end = Math.min(maximumStock, start + width);
      const value = stockValue(node, end);
      colCost.push((value - previousValue) / (end - start));
      colUpper.push(end - start);
      columns.push({ rows: [balanceRow(index)], values: [1] });
      previousValue = value;
    }
  });
  const numCols = colCost.length;
  const starts = new Int32Array(numCols + 1);
  const indices: number[] = [];
  const values: number[] = [];
  columns.forEach((column, index) => {
    indices.push(...column.rows);
    values.push(...column.values);
    starts[index + 1] = indices.length;
  });
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  for (const node of nodes) {
    rowLower.push(node.stock, -highs.infinity);
    rowUpper.push(node.stock, node.stock);
  }

  let model: ReturnType<Highs["createModel"]> | undefined;
  try {
    model = highs.createModel({
      numCols,
      numRows: rowLower.length,
      sense: highs.constants.objectiveSense.maximize,
      colCost,
      colLower: new Float64Array(numCols),
      colUpper,
      rowLower,
      rowUpper,
      matrix: { format: "csc", numRows: rowLower.length, numCols, starts, indices: Int32Array.from(indices), values: Float64Array.from(values) },
    });
    model.options.set({ output_flag: false, time_limit: settings.timeLimitSeconds });
    model.run();
    const statusCode = model.getModelStatus();
    const solverStatus = modelStatusNames[statusCode] ?? `HiGHS status ${statusCode}`;
    if (statusCode === highs.constants.modelStatus.optimal) {
      return { status: "optimal", laneUnits: model.getSolution().colValue.slice(0, laneCount), solverStatus };
    }
    const reason: TransferFallbackReason =
      statusCode === highs.constants.modelStatus.timeLimit
        ? "solver-timeout"
        : statusCode === highs.constants.modelStatus.infeasible
          ? "solver-infeasible"
          : "solver-error";
    return { status: "failed", reason, solverStatus };
  } catch (error: unknown) {
    return { status: "failed", reason: "solver-error", solverStatus: error instanceof Error ? error.message : String(error) };
  } finally {
    model?.dispose();
  }
}

/** Greedy best single move (one step on one lane) until no move gains value. */
function fallback(
  network: IndexedNetwork,
  settings: TransferOptions,
  reason: TransferFallbackReason,
  solverStatus?: string,
): TransferPlan {
  const { nodes, lanes, step } = network;
  const effective = Float64Array.from(nodes, (node) => node.stock);
  const shipped = new Float64Array(nodes.length);
  const laneUnits = new Float64Array(lanes.length);
  for (;;) {
    let bestLane = -1;
    let bestGain = 1e-9;
    lanes.forEach((lane, index) => {
      const source = nodes[lane.fromIndex]!;
      if (shipped[lane.fromIndex]! + step > source.stock) return;
      const destination = nodes[lane.toIndex]!;
      const gain =
        stockValue(destination, effective[lane.toIndex]! + step) -
        stockValue(destination, effective[lane.toIndex]!) -
        (stockValue(source, effective[lane.fromIndex]!) - stockValue(source, effective[lane.fromIndex]! - step)) -
        lane.unitCost * step;
      if (gain > bestGain) {
        bestGain = gain;
        bestLane = index;
      }
    });
    const lane = lanes[bestLane];
    if (!lane) break;
    laneUnits[bestLane] = laneUnits[bestLane]! + step;
    shipped[lane.fromIndex] = shipped[lane.fromIndex]! + step;
    effective[lane.fromIndex] = effective[lane.fromIndex]! - step;
    effective[lane.toIndex] = effective[lane.toIndex]! + step;
  }
  return {
    status: "fallback",
    fallbackReason: reason,
    ...(solverStatus === undefined ? {} : { solverStatus }),
    ...roundedPlan(network, laneUnits, settings),
  };
}

/** Rounds lane flows down to whole steps, values the result and drops a plan not worth making. */
function roundedPlan(
  network: IndexedNetwork,
  laneUnits: Float64Array,
  settings: TransferOptions,
): { transfers: PlannedTransfer[]; totalGain: number } {
  const { nodes, lanes, step } = network;
  const transfers: PlannedTransfer[] = [];
  const finalStock = Float64Array.from(nodes, (node) => node.stock);
  lanes.forEach((lane, index) => {
    // 1e-6 absorbs solver tolerance so 11.9999999 units count as 12.
    const units = Math.floor((laneUnits[index]! + 1e-6) / step) * step;
    if (units <= 0) return;
    const source = nodes[lane.fromIndex]!;
    const destination = nodes[lane.toIndex]!;
    const transferCost = lane.unitCost * units;
    const standaloneGain = transferValueChange(source, destination, units) - transferCost;
    transfers.push({
      from: lane.from,
      to: lane.to,
      units,
      transferCost,
      leadTimeDays: lane.leadTimeDays,
      standaloneGain,
      laneUnitCost: lane.unitCost,
      source: stockHolding(source),
      destination: stockHolding(destination),
    });
    finalStock[lane.fromIndex] = finalStock[lane.fromIndex]! - units;
    finalStock[lane.toIndex] = finalStock[lane.toIndex]! + units;
  });
  const totalGain =
    nodes.reduce((sum, node, index) => sum + stockValue(node, finalStock[index]!) - stockValue(node, node.stock), 0) -
    transfers.reduce((sum, transfer) => sum + transfer.transferCost, 0);
  return totalGain < settings.minPlanGain ? { transfers: [], totalGain: 0 } : { transfers, totalGain };
}

function stockHolding(node: TransferNode): StockHolding {
  return { stock: node.stock, demand: node.demand, unitMargin: node.unitMargin, unitLeftoverCost: node.unitLeftoverCost };
}

function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
